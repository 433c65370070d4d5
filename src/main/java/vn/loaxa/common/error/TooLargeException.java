package vn.loaxa.common.error;

/** What was sent is larger than the server accepts. Mapped to 413. */
public class TooLargeException extends RuntimeException {
    private final transient ErrorMessage text;

    public TooLargeException(ErrorMessage message) {
        super(message.english());
        this.text = message;
    }

    /** How large it is and what is accepted, in any language. */
    public ErrorMessage text() {
        return text;
    }
}
