package vn.loaxa.common.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.MalformedRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.common.error.NotPermittedException;
import vn.loaxa.common.error.TooLargeException;

/**
 * Maps every domain and framework exception to problem+json, once (or, for a browser on a page, to a page). A request
 * that is well-formed but invalid gets 422, whether Bean Validation or a service found the fault; only a body that
 * cannot be read gets 400. What nothing here knows, {@link UnexpectedErrorMapper} answers. Titles and details are
 * in the caller's language ({@link ErrorLanguage}), from the {@link ErrorMessage#BUNDLE} bundle.
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
        Locale locale = ErrorLanguage.of(request);
        Problem problem = Problems.notFound(e, locale, uri.getPath());
        return e.referencedFromBody()
                ? respond(problem)
                : pages.forBrowser(request, 404, e.text()).orElseGet(() -> respond(problem));
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e, UriInfo uri, ContainerRequestContext request) {
        return respond(Problems.invalid(e, ErrorLanguage.of(request), uri.getPath()));
    }

    @ServerExceptionMapper
    public Response malformed(MalformedRequestException e, UriInfo uri, ContainerRequestContext request) {
        return respond(Problems.malformed(e, ErrorLanguage.of(request), uri.getPath()));
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e, UriInfo uri, ContainerRequestContext request) {
        return respond(Problems.conflict(e, ErrorLanguage.of(request), uri.getPath()));
    }

    @ServerExceptionMapper
    public Response tooLarge(TooLargeException e, UriInfo uri, ContainerRequestContext request) {
        Locale locale = ErrorLanguage.of(request);
        return problem(
                413,
                ErrorMessage.orElse("Request Entity Too Large", "status.413").render(locale),
                e.text().render(locale),
                uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri, ContainerRequestContext request) {
        Locale locale = ErrorLanguage.of(request);
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), violationText(v, locale)))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream()
                .map(f -> f.field() + ": " + f.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse(text("invalid.detail", locale));
        return respond(new Problem("about:blank", text("invalid.title", locale), 422, detail, uri.getPath(), errors));
    }

    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public Response unreadableJson(JsonProcessingException e, UriInfo uri, ContainerRequestContext request) {
        Locale locale = ErrorLanguage.of(request);
        List<Problem.FieldError> errors = List.of();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                    .reduce((a, b) -> a + "." + b)
                    .orElse("");
            errors = List.of(new Problem.FieldError(field, text("malformed.field", locale)));
        }
        return respond(new Problem(
                "about:blank",
                text("malformed.title", locale),
                400,
                ErrorMessage.of("malformed.detail", e.getOriginalMessage()).render(locale),
                uri.getPath(),
                errors));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri, ContainerRequestContext request) {
        if (!uri.getPath().startsWith("/api/")) {
            boolean wrongCredentials = e instanceof AuthenticationFailedException;
            return Response.seeOther(URI.create(wrongCredentials ? LOGIN_PAGE + "?error" : LOGIN_PAGE))
                    .build();
        }
        return Response.fromResponse(respond(Problems.unauthenticated(ErrorLanguage.of(request), uri.getPath())))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"loaxa\"")
                .build();
    }

    @ServerExceptionMapper
    public Response notPermitted(NotPermittedException e, UriInfo uri, ContainerRequestContext request) {
        return pages.forBrowser(request, 403, e.text())
                .orElseGet(() -> respond(Problems.notPermitted(e, ErrorLanguage.of(request), uri.getPath())));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, ContainerRequestContext request) {
        Locale locale = ErrorLanguage.of(request);
        ErrorMessage detail = ErrorMessage.of("forbidden.detail");
        return pages.forBrowser(request, 403, detail)
                .orElseGet(() -> problem(403, text("forbidden.title", locale), detail.render(locale), uri));
    }

    /** An address that nothing serves: a page for a browser (or the login page), problem+json for the rest. */
    @ServerExceptionMapper
    public Uni<Response> unknownAddress(
            jakarta.ws.rs.NotFoundException e, UriInfo uri, ContainerRequestContext request) {
        Locale locale = ErrorLanguage.of(request);
        Response problem = problem(404, text("not-found.title", locale), text("not-found.address", locale), uri);
        return pages.forUnknownAddress(request).map(page -> page.orElse(problem));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, ContainerRequestContext request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "Request to %s failed", uri.getPath());
        }
        Locale locale = ErrorLanguage.of(request);
        ErrorMessage title = ErrorMessage.orElse(e.getResponse().getStatusInfo().getReasonPhrase(), "status." + status);
        // the framework's own message is just "HTTP 404 Not Found": say the status in the caller's language instead
        boolean generic = e.getMessage() == null || e.getMessage().startsWith("HTTP " + status);
        ErrorMessage detail = generic ? title : ErrorMessage.literal(e.getMessage());
        return problem(status, title.render(locale), detail.render(locale), uri);
    }

    /**
     * A constraint's text from the errors bundle, keyed by its message template ({@code
     * jakarta.validation.constraints.NotBlank.message}, or a loaxa key given as {@code message = "{key}"}), with the
     * constraint's attributes put in for their {@code {name}}; Hibernate Validator's own text when the bundle has none.
     */
    static String violationText(ConstraintViolation<?> violation, Locale locale) {
        String template = violation.getMessageTemplate();
        if (template == null || !template.startsWith("{") || !template.endsWith("}")) {
            return violation.getMessage();
        }
        Optional<String> pattern = ErrorMessage.pattern(template.substring(1, template.length() - 1), locale);
        if (pattern.isEmpty()) {
            return violation.getMessage();
        }
        String text = pattern.get();
        for (Map.Entry<String, Object> attribute :
                violation.getConstraintDescriptor().getAttributes().entrySet()) {
            text = text.replace("{" + attribute.getKey() + "}", String.valueOf(attribute.getValue()));
        }
        return text;
    }

    private static String text(String key, Locale locale) {
        return Problems.text(key, locale);
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
