package vn.loaxa.common.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.common.error.NotPermittedException;

/**
 * Maps every domain and framework exception to problem+json, once (or, for a browser on a page, to a page). A request
 * that is well-formed but invalid gets 422, whether Bean Validation or a service found the fault; only a body that
 * cannot be read gets 400. What nothing here knows, {@link UnexpectedErrorMapper} answers.
 */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final String LOGIN_PAGE = "/login.html";

    private final ErrorPages pages;

    public ProblemMapper(ErrorPages pages) {
        this.pages = pages;
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri, ContainerRequestContext request) {
        return e.referencedFromBody()
                ? problem(422, "Unknown reference", e.getMessage(), uri)
                : pages.forBrowser(request, 404, e.getMessage())
                        .orElseGet(() -> problem(404, "Not found", e.getMessage(), uri));
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.fieldErrors().stream()
                .map(f -> new Problem.FieldError(f.field(), f.message()))
                .toList();
        return respond(new Problem("about:blank", e.title(), 422, e.getMessage(), uri.getPath(), errors));
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e, UriInfo uri) {
        return respond(
                new Problem("about:blank", "Conflict", 409, e.getMessage(), uri.getPath(), List.of(), e.conflicts()));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream()
                .map(f -> f.field() + ": " + f.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("The request is not valid");
        return respond(new Problem("about:blank", "Invalid request", 422, detail, uri.getPath(), errors));
    }

    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        List<Problem.FieldError> errors = List.of();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                    .reduce((a, b) -> a + "." + b)
                    .orElse("");
            errors = List.of(new Problem.FieldError(field, "has the wrong type or an unknown value"));
        }
        return respond(new Problem(
                "about:blank",
                "Malformed JSON",
                400,
                "The request body is not valid JSON for this resource: " + e.getOriginalMessage(),
                uri.getPath(),
                errors));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        if (!uri.getPath().startsWith("/api/")) {
            boolean wrongCredentials = e instanceof AuthenticationFailedException;
            return Response.seeOther(URI.create(wrongCredentials ? LOGIN_PAGE + "?error" : LOGIN_PAGE))
                    .build();
        }
        return Response.fromResponse(problem(
                        401,
                        "Login required",
                        "Send HTTP Basic credentials of a loaxa account (or log in to the web UI first)",
                        uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"loaxa\"")
                .build();
    }

    @ServerExceptionMapper
    public Response notPermitted(NotPermittedException e, UriInfo uri, ContainerRequestContext request) {
        return pages.forBrowser(request, 403, e.getMessage())
                .orElseGet(() -> problem(403, "Forbidden", e.getMessage(), uri));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, ContainerRequestContext request) {
        String detail = "Your account may not do this";
        return pages.forBrowser(request, 403, detail).orElseGet(() -> problem(403, "Forbidden", detail, uri));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "Request to %s failed", uri.getPath());
        }
        return problem(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), uri);
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // drop the "method.argN." prefix Hibernate Validator puts on parameter violations
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    private static Response problem(int status, String title, String detail, UriInfo uri) {
        return respond(Problem.of(status, title, detail, uri.getPath()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }
}
