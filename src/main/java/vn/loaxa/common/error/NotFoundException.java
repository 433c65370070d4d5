package vn.loaxa.common.error;

import java.util.Locale;

/**
 * A referenced resource does not exist. Mapped to 404, or to 422 when it is named inside a request body. The kind of
 * resource ("Area", "Receiver group") is translated through the bundle key {@code kind.<kind in lower case, spaces as
 * '-'>}.
 */
public class NotFoundException extends RuntimeException {
    private final transient ErrorMessage text;
    private final boolean referencedFromBody;

    private NotFoundException(ErrorMessage text, boolean referencedFromBody) {
        super(text.english());
        this.text = text;
        this.referencedFromBody = referencedFromBody;
    }

    /** The resource named by the request path is missing. */
    public static NotFoundException of(String kind, Object id) {
        return new NotFoundException(ErrorMessage.of("not-found", kind(kind), id), false);
    }

    /** The request body refers to something that is missing. */
    public static NotFoundException referenced(String kind, Object id) {
        return new NotFoundException(ErrorMessage.of("not-found.referenced", kind(kind), id), true);
    }

    private static ErrorMessage kind(String kind) {
        return ErrorMessage.orElse(kind, "kind." + kind.toLowerCase(Locale.ROOT).replace(' ', '-'));
    }

    /** What is missing, in any language. */
    public ErrorMessage text() {
        return text;
    }

    public boolean referencedFromBody() {
        return referencedFromBody;
    }
}
