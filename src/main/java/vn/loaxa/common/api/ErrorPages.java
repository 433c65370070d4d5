package vn.loaxa.common.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import vn.loaxa.common.error.ErrorMessage;

/**
 * Pages for errors met while browsing, provided by the web UI, so that error mapping needs no feature: a browser that
 * asks for a page gets one, any other client problem+json.
 */
public interface ErrorPages {

    /**
     * The page for {@code status}, with {@code detail} in the page's language, when the request is a browser asking
     * for a page.
     */
    Optional<Response> forBrowser(ContainerRequestContext request, int status, ErrorMessage detail);

    /**
     * For an address that nothing serves, asked for by a browser: the not-found page if the visitor is signed in, else
     * the login page; empty for any other client.
     */
    Uni<Optional<Response>> forUnknownAddress(ContainerRequestContext request);
}
