package vn.loaxa.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import vn.loaxa.common.api.ErrorLanguage;
import vn.loaxa.common.api.Problem;
import vn.loaxa.common.error.ErrorMessage;

/**
 * The answer for an address that nothing on the server serves: a signed-in browser asking for a page gets the styled
 * error page with status 404 and a link home, a visitor not signed in is sent to the login page, and any other client
 * (the API's) gets a problem+json 404 in the language of its {@code Accept-Language}.
 */
@ApplicationScoped
public class NotFoundPage {
    private static final String LOGIN_PAGE = "/login.html";

    private final ErrorPage page;
    private final ObjectMapper json;

    public NotFoundPage(ErrorPage page, ObjectMapper json) {
        this.page = page;
        this.json = json;
    }

    /** Runs after every other route (the REST resources and the static files), so it sees only what they left. */
    void install(@Observes Router router) {
        router.route().last().handler(this::answer);
    }

    void answer(RoutingContext context) {
        if (!wantsPage(context)) {
            problem(context);
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(context, null)
                .subscribe()
                .with(identity -> pageFor(context, identity), context::fail);
    }

    private static boolean wantsPage(RoutingContext context) {
        String path = context.normalizedPath();
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        return (context.request().method() == HttpMethod.GET
                        || context.request().method() == HttpMethod.HEAD)
                && !path.startsWith("/api/")
                && !path.startsWith("/q/")
                && accept != null
                && accept.contains("text/html");
    }

    private void pageFor(RoutingContext context, SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            context.response()
                    .setStatusCode(303)
                    .putHeader(HttpHeaders.LOCATION, LOGIN_PAGE)
                    .end();
            return;
        }
        Cookie lang = context.request().getCookie(Ui.LANG_COOKIE);
        String html = page.render(
                404,
                ErrorMessage.of("not-found.page"),
                lang == null ? null : lang.getValue(),
                new IdentityContext(identity),
                context.normalizedPath());
        context.response()
                .setStatusCode(404)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
                .end(html);
    }

    private void problem(RoutingContext context) {
        List<String> languages =
                context.acceptableLanguages().stream().map(l -> l.value()).toList();
        Cookie cookie = context.request().getCookie(Ui.LANG_COOKIE);
        Locale locale = ErrorLanguage.of(languages, cookie == null ? null : cookie.getValue());
        Problem body = Problem.of(
                404,
                ErrorMessage.of("not-found.title").render(locale),
                ErrorMessage.of("not-found.page").render(locale),
                context.normalizedPath());
        try {
            context.response()
                    .setStatusCode(404)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }

    /** The signed-in visitor as the page layout reads them. */
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
