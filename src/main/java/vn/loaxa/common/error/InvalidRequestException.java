package vn.loaxa.common.error;

import java.util.List;

/**
 * The request is well-formed but cannot be carried out as asked. Mapped to 422, the one status of a request that is
 * understood but invalid, naming each field at fault.
 */
public class InvalidRequestException extends RuntimeException {
    private static final String TITLE = "Invalid request";

    /** A field of the request at fault, and what is wrong with it. */
    public record FieldError(String field, String message) {}

    private final String title;
    private final List<FieldError> fieldErrors;

    public InvalidRequestException(String field, String message) {
        this(TITLE, message, field == null ? List.of() : List.of(new FieldError(field, message)));
    }

    /** For a feature's own kind of invalid request, with its own title and any number of faults. */
    protected InvalidRequestException(String title, String message, List<FieldError> fieldErrors) {
        super(message);
        this.title = title;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public String title() {
        return title;
    }

    /** The first field at fault, or null when the fault is with the request as a whole. */
    public String field() {
        return fieldErrors.isEmpty() ? null : fieldErrors.get(0).field();
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
