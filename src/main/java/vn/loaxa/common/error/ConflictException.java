package vn.loaxa.common.error;

import java.util.List;

/** The request clashes with something that already exists. Mapped to 409, listing what it clashes with. */
public class ConflictException extends RuntimeException {
    private final transient ErrorMessage text;
    private final List<String> conflicts;

    /** An untranslated message; prefer {@link #ConflictException(ErrorMessage)}. */
    public ConflictException(String message) {
        this(ErrorMessage.literal(message), List.of());
    }

    public ConflictException(ErrorMessage message) {
        this(message, List.of());
    }

    public ConflictException(ErrorMessage message, List<String> conflicts) {
        super(message.english());
        this.text = message;
        this.conflicts = List.copyOf(conflicts);
    }

    /** What is wrong, in any language. */
    public ErrorMessage text() {
        return text;
    }

    public List<String> conflicts() {
        return conflicts;
    }
}
