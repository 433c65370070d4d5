package vn.loaxa.common.error;

import java.util.List;

/** The request clashes with something that already exists. Mapped to 409, listing what it clashes with. */
public class ConflictException extends RuntimeException {
    private final List<String> conflicts;

    public ConflictException(String message) {
        this(message, List.of());
    }

    public ConflictException(String message, List<String> conflicts) {
        super(message);
        this.conflicts = List.copyOf(conflicts);
    }

    public List<String> conflicts() {
        return conflicts;
    }
}
