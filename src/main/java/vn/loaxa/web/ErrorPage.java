package vn.loaxa.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Locale;
import java.util.Optional;
import vn.loaxa.common.api.ErrorPages;
import vn.loaxa.common.error.ErrorMessage;

/**
 * A refusal or a missing thing met while browsing is answered with a page in the visitor's language, inside the usual
 * navigation; the API, and clients that do not ask for HTML, keep getting problem+json.
 */
@ApplicationScoped
public class ErrorPage implements ErrorPages {
    private final Ui ui;
    private final Template error;

    public ErrorPage(Ui ui, @Location("error.html") Template error) {
        this.ui = ui;
        this.error = error;
    }

    @Override
    public Optional<Response> forBrowser(ContainerRequestContext request, int status, ErrorMessage detail) {
        String path = request.getUriInfo().getPath();
        boolean page = !path.startsWith("/api/")
                && !path.startsWith("/q/")
                && request.getSecurityContext().getUserPrincipal() != null
                && request.getAcceptableMediaTypes().stream()
                        .anyMatch(type -> type.isCompatible(MediaType.TEXT_HTML_TYPE) && !type.isWildcardType());
        if (!page) {
            return Optional.empty();
        }
        Cookie cookie = request.getCookies().get(Ui.LANG_COOKIE);
        String html =
                render(status, detail, cookie == null ? null : cookie.getValue(), request.getSecurityContext(), path);
        return Optional.of(Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(html)
                .build());
    }

    /** The error page for a signed-in visitor, in the language of their cookie. */
    public String render(int status, ErrorMessage detail, String langCookie, SecurityContext security, String path) {
        String lang = Ui.language(langCookie);
        return ui.page(error, "error", lang, security, path)
                .data("status", status)
                .data("detail", detail.render(Locale.forLanguageTag(lang)))
                .render();
    }
}
