package vn.loaxa.common.error;

/** The caller is known but may not do this particular thing (403), for a reason worth telling them. */
public class NotPermittedException extends RuntimeException {
    private final transient ErrorMessage text;

    /** An untranslated message; prefer {@link #NotPermittedException(ErrorMessage)}. */
    public NotPermittedException(String message) {
        this(ErrorMessage.literal(message));
    }

    public NotPermittedException(ErrorMessage message) {
        super(message.english());
        this.text = message;
    }

    /** Why not, in any language. */
    public ErrorMessage text() {
        return text;
    }
}
