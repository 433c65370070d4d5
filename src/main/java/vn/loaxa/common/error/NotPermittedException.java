package vn.loaxa.common.error;

/** The caller is known but may not do this particular thing (403), for a reason worth telling them. */
public class NotPermittedException extends RuntimeException {
    public NotPermittedException(String message) {
        super(message);
    }
}
