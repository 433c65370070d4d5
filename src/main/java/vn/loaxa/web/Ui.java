package vn.loaxa.web;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.SecurityContext;
import java.time.ZoneId;
import java.util.Locale;
import vn.loaxa.account.Roles;

/**
 * What every page shares: the UI language (Vietnamese unless the {@value #LANG_COOKIE} cookie says {@code en}), the
 * signed-in user and the navigation entry to highlight. Pages render through {@link #page}.
 */
@ApplicationScoped
public class Ui {
    /** Cookie holding the chosen UI language, set by {@code GET /lang}. */
    public static final String LANG_COOKIE = "loaxa-lang";
    /** Times on pages are shown in the country's zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    static final String VIETNAMESE = "vi";
    static final String ENGLISH = "en";

    /** {@code vi} or {@code en}; anything else in the cookie counts as Vietnamese. */
    public static String language(String cookie) {
        return ENGLISH.equals(cookie) ? ENGLISH : VIETNAMESE;
    }

    public TemplateInstance page(
            Template template, String page, String langCookie, SecurityContext security, String path) {
        String lang = language(langCookie);
        return fragment(template, langCookie)
                .data("page", page)
                .data("path", path)
                .data("otherLang", ENGLISH.equals(lang) ? VIETNAMESE : ENGLISH)
                .data("user", security.getUserPrincipal().getName())
                .data("admin", security.isUserInRole(Roles.ADMIN))
                .data("viewer", security.isUserInRole(Roles.VIEW))
                .data("scheduler", security.isUserInRole(Roles.SCHEDULE))
                .data("librarian", security.isUserInRole(Roles.VIEW) || security.isUserInRole(Roles.AUTHOR))
                .data(
                        "translations",
                        security.isUserInRole(Roles.TRANSLATE)
                                || security.isUserInRole(Roles.APPROVE)
                                || security.isUserInRole(Roles.AUTHOR)
                                || security.isUserInRole(Roles.SCHEDULE));
    }

    /** A page part (htmx or server-sent events) in the visitor's language. */
    public TemplateInstance fragment(Template template, String langCookie) {
        String lang = language(langCookie);
        return template.instance().setLocale(Locale.forLanguageTag(lang)).data("lang", lang);
    }
}
