package vn.loaxa.common.error;

import java.util.List;

/** The request clashes with something that already exists. Mapped to 409, listing what it clashes with. */
public class ConflictException extends RuntimeException {
    private final transient ErrorMessage text;
    private final List<String> conflicts;
    private final String type;

    /** An untranslated message; prefer {@link #ConflictException(ErrorMessage)}. */
    public ConflictException(String message) {
        this(ErrorMessage.literal(message), List.of());
    }

    public ConflictException(ErrorMessage message) {
        this(message, List.of());
    }

    public ConflictException(ErrorMessage message, List<String> conflicts) {
        this(null, message, conflicts);
    }

    /** A kind of conflict a client acts upon, named by the problem {@code type} URI it answers with. */
    protected ConflictException(String type, ErrorMessage message, List<String> conflicts) {
        super(message.english());
        this.type = type;
        this.text = message;
        this.conflicts = List.copyOf(conflicts);
    }

    /** The problem type URI, or null for a plain conflict ({@code about:blank}). */
    public String type() {
        return type;
    }

    /** What is wrong, in any language. */
    public ErrorMessage text() {
        return text;
    }

    public List<String> conflicts() {
        return conflicts;
    }
}
