package vn.loaxa.common.error;

/** The request is well-formed but cannot be carried out as asked. Mapped to 422. */
public class InvalidRequestException extends RuntimeException {
    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
