package vn.loaxa.common.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.loaxa.common.error.ErrorMessage;

/**
 * The last resort for an exception that no more specific mapper knows, which is a fault of the server: the caller gets
 * a problem+json 500 (a browser asking for a page gets the error page) with a correlation id and nothing of the
 * exception (no message, no stack trace); the log gets the id with the stack trace, so that the one can be found from
 * the other. Exceptions with a mapper of their own (domain exceptions, {@code WebApplicationException} with its
 * status, Quarkus security's 401 and 403) keep it, because the most specific mapper of an exception's class hierarchy
 * wins.
 */
public class UnexpectedErrorMapper {
    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class);

    private final ErrorPages pages;

    public UnexpectedErrorMapper(ErrorPages pages) {
        this.pages = pages;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, Request request, UriInfo uri, ContainerRequestContext context) {
        String correlationId = UUID.randomUUID().toString();
        LOG.errorf(
                e, "%s %s failed unexpectedly (correlation id %s)", request.getMethod(), uri.getPath(), correlationId);
        ErrorMessage detail = ErrorMessage.of("unexpected.detail", correlationId);
        Locale locale = ErrorLanguage.of(context);
        Optional<Response> page;
        try {
            page = pages.forBrowser(context, 500, detail);
        } catch (RuntimeException pageFailed) {
            LOG.errorf(pageFailed, "The error page failed too (correlation id %s)", correlationId);
            page = Optional.empty();
        }
        return page.orElseGet(() -> {
            Problem body = new Problem(
                    "about:blank",
                    ErrorMessage.of("unexpected.title").render(locale),
                    500,
                    detail.render(locale),
                    uri.getPath(),
                    List.of(),
                    List.of(),
                    correlationId);
            return Response.serverError().type(Problem.MEDIA_TYPE).entity(body).build();
        });
    }
}
