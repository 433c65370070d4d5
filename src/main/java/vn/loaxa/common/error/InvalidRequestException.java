package vn.loaxa.common.error;

import java.util.List;

/**
 * The request is well-formed but cannot be carried out as asked. Mapped to 422, the one status of a request that is
 * understood but invalid, naming each field at fault.
 */
public class InvalidRequestException extends RuntimeException {
    private static final ErrorMessage TITLE = ErrorMessage.of("invalid.title");

    /** A field of the request at fault, and what is wrong with it. */
    public record FieldError(String field, ErrorMessage text) {
        /** An untranslated fault. */
        public FieldError(String field, String message) {
            this(field, ErrorMessage.literal(message));
        }

        /** The fault in English. */
        public String message() {
            return text.english();
        }
    }

    private final transient ErrorMessage title;
    private final transient ErrorMessage text;
    private final transient List<FieldError> fieldErrors;

    /** An untranslated message; prefer {@link #InvalidRequestException(String, ErrorMessage)}. */
    public InvalidRequestException(String field, String message) {
        this(field, ErrorMessage.literal(message));
    }

    public InvalidRequestException(String field, ErrorMessage message) {
        this(TITLE, message, field == null ? List.of() : List.of(new FieldError(field, message)));
    }

    /** For a feature's own kind of invalid request, with its own title and any number of faults. */
    protected InvalidRequestException(String title, String message, List<FieldError> fieldErrors) {
        this(ErrorMessage.literal(title), ErrorMessage.literal(message), fieldErrors);
    }

    /** For a feature's own kind of invalid request, with its own title and any number of faults. */
    protected InvalidRequestException(ErrorMessage title, ErrorMessage message, List<FieldError> fieldErrors) {
        super(message.english());
        this.title = title;
        this.text = message;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /** The title in English. */
    public String title() {
        return title.english();
    }

    /** The title in any language. */
    public ErrorMessage titleText() {
        return title;
    }

    /** What is wrong, in any language. */
    public ErrorMessage text() {
        return text;
    }

    /** The first field at fault, or null when the fault is with the request as a whole. */
    public String field() {
        return fieldErrors.isEmpty() ? null : fieldErrors.get(0).field();
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
