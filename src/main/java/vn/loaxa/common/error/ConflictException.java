package vn.loaxa.common.error;

/** The request clashes with something that already exists. Mapped to 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
