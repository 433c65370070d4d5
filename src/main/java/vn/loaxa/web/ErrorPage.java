package vn.loaxa.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.security.Principal;
import java.util.Locale;
import java.util.Optional;
import vn.loaxa.common.api.ErrorPages;
import vn.loaxa.common.error.ErrorMessage;

/**
 * A refusal or a missing thing met while browsing is answered with a page in the visitor's language, inside the usual
 * navigation, and so is an address that nothing serves; the API, and clients that do not ask for HTML, keep getting
 * problem+json.
 */
@ApplicationScoped
public class ErrorPage implements ErrorPages {
    private static final String LOGIN_PAGE = "/login.html";

    private final Ui ui;
    private final Template error;
    private final CurrentIdentityAssociation identities;

    public ErrorPage(Ui ui, @Location("error.html") Template error, CurrentIdentityAssociation identities) {
        this.ui = ui;
        this.error = error;
        this.identities = identities;
    }

    @Override
    public Optional<Response> forBrowser(ContainerRequestContext request, int status, ErrorMessage detail) {
        if (!asksForPage(request) || request.getSecurityContext().getUserPrincipal() == null) {
            return Optional.empty();
        }
        return Optional.of(
                html(status, render(status, detail, langCookie(request), request.getSecurityContext(), path(request))));
    }

    @Override
    public Uni<Optional<Response>> forUnknownAddress(ContainerRequestContext request) {
        if (!asksForPage(request)) {
            return Uni.createFrom().item(Optional.empty());
        }
        String lang = langCookie(request);
        String path = path(request);
        return identities
                .getDeferredIdentity()
                .map(identity -> identity.isAnonymous()
                        ? Optional.of(Response.seeOther(URI.create(LOGIN_PAGE)).build())
                        : Optional.of(html(
                                404,
                                render(
                                        404,
                                        ErrorMessage.of("not-found.page"),
                                        lang,
                                        new IdentityContext(identity),
                                        path))));
    }

    private static boolean asksForPage(ContainerRequestContext request) {
        String path = path(request);
        return !path.startsWith("/api/")
                && !path.startsWith("/q/")
                && request.getAcceptableMediaTypes().stream()
                        .anyMatch(type -> type.isCompatible(MediaType.TEXT_HTML_TYPE) && !type.isWildcardType());
    }

    private static String path(ContainerRequestContext request) {
        return request.getUriInfo().getPath();
    }

    private static String langCookie(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(Ui.LANG_COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    private static Response html(int status, String page) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page)
                .build();
    }

    /** The error page for a signed-in visitor, in the language of their cookie. */
    public String render(int status, ErrorMessage detail, String langCookie, SecurityContext security, String path) {
        String lang = Ui.language(langCookie);
        return ui.page(error, "error", lang, security, path)
                .data("status", status)
                .data("detail", detail.render(Locale.forLanguageTag(lang)))
                .render();
    }

    /** A signed-in visitor as the page layout reads them. */
    private record IdentityContext(SecurityIdentity identity) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return identity.getPrincipal();
        }

        @Override
        public boolean isUserInRole(String role) {
            return identity.hasRole(role);
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String getAuthenticationScheme() {
            return null;
        }
    }
}
