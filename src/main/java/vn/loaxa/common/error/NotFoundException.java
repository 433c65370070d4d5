package vn.loaxa.common.error;

/** A referenced resource does not exist. Mapped to 404, or to 422 when it is named inside a request body. */
public class NotFoundException extends RuntimeException {
    private final boolean referencedFromBody;

    private NotFoundException(String message, boolean referencedFromBody) {
        super(message);
        this.referencedFromBody = referencedFromBody;
    }

    /** The resource named by the request path is missing. */
    public static NotFoundException of(String kind, Object id) {
        return new NotFoundException(kind + " '" + id + "' does not exist", false);
    }

    /** The request body refers to something that is missing. */
    public static NotFoundException referenced(String kind, Object id) {
        return new NotFoundException(kind + " '" + id + "' does not exist", true);
    }

    public boolean referencedFromBody() {
        return referencedFromBody;
    }
}
