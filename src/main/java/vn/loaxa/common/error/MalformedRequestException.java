package vn.loaxa.common.error;

import java.util.List;
import vn.loaxa.common.error.InvalidRequestException.FieldError;

/**
 * The request body cannot be read as what it claims to be (a CSV file with broken quoting or rows of the wrong width,
 * say). Mapped to 400, naming where it stops making sense; a body that reads well but asks for something invalid is an
 * {@link InvalidRequestException} (422) instead.
 */
public class MalformedRequestException extends RuntimeException {
    private final transient ErrorMessage title;
    private final transient ErrorMessage text;
    private final transient List<FieldError> fieldErrors;

    public MalformedRequestException(ErrorMessage title, String field, ErrorMessage message) {
        super(message.english());
        this.title = title;
        this.text = message;
        this.fieldErrors = field == null ? List.of() : List.of(new FieldError(field, message));
    }

    /** The title in any language. */
    public ErrorMessage titleText() {
        return title;
    }

    /** What is wrong, in any language. */
    public ErrorMessage text() {
        return text;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
