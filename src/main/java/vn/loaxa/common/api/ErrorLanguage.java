package vn.loaxa.common.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Locale;
import vn.loaxa.common.error.ErrorMessage;

/**
 * The language of an error answer: the first of Vietnamese or English in {@code Accept-Language} (the web UI's scripts
 * send the page's language), else the UI's language cookie, else Vietnamese.
 */
public final class ErrorLanguage {
    /** The web UI's language cookie ({@code vn.loaxa.web.Ui#LANG_COOKIE}). */
    static final String LANG_COOKIE = "loaxa-lang";

    private ErrorLanguage() {}

    public static Locale of(ContainerRequestContext request) {
        return of(request.getAcceptableLanguages(), request.getCookies().get(LANG_COOKIE));
    }

    /** The same for a resource method's request headers. */
    public static Locale of(HttpHeaders headers) {
        return of(headers.getAcceptableLanguages(), headers.getCookies().get(LANG_COOKIE));
    }

    private static Locale of(List<Locale> accepted, Cookie lang) {
        return of(accepted.stream().map(Locale::toLanguageTag).toList(), lang == null ? null : lang.getValue());
    }

    /** From the language tags of {@code Accept-Language}, best first, and the value of the language cookie. */
    public static Locale of(List<String> acceptedTags, String langCookie) {
        for (String tag : acceptedTags) {
            String language = Locale.forLanguageTag(tag).getLanguage();
            if ("vi".equals(language) || "en".equals(language)) {
                return ErrorMessage.supported(Locale.forLanguageTag(tag));
            }
        }
        return langCookie == null ? ErrorMessage.DEFAULT : ErrorMessage.supported(Locale.forLanguageTag(langCookie));
    }
}
