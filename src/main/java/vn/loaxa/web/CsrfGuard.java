package vn.loaxa.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import vn.loaxa.common.api.ErrorLanguage;
import vn.loaxa.common.api.Problem;
import vn.loaxa.common.error.ErrorMessage;

/**
 * Cross-site request forgery guard for the web UI. The pages change data only through the API with {@code fetch},
 * which adds the {@value #HEADER} header; another site cannot add a custom header without a CORS preflight, which
 * this server never allows. A state-changing request authenticated by the session cookie alone, without the
 * header, is refused. Requests with HTTP Basic credentials (API clients, agents) carry no ambient authority and
 * pass. The session cookie is also SameSite=Strict (application.properties).
 */
public class CsrfGuard {
    /** The header every page script sends with a state-changing request. */
    public static final String HEADER = "X-Loaxa-Request";

    static final String SESSION_COOKIE = "quarkus-credential";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod())
                || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || !request.getCookies().containsKey(SESSION_COOKIE)
                || request.getHeaderString(HEADER) != null) {
            return null;
        }
        Locale locale = ErrorLanguage.of(request);
        return Response.status(403)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(
                        403,
                        ErrorMessage.of("forbidden.title").render(locale),
                        ErrorMessage.of("csrf.header", HEADER).render(locale),
                        request.getUriInfo().getPath()))
                .build();
    }
}
