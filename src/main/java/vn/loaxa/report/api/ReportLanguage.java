package vn.loaxa.report.api;

import java.util.List;
import java.util.Locale;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.report.service.ReportTables;

/**
 * The language of an export: the {@code lang} query parameter when given (vi or en, anything else is refused), else
 * the web UI's language cookie, else the first of {@code Accept-Language} that reports are written in, else
 * Vietnamese.
 */
final class ReportLanguage {
    /** The web UI's language cookie, set by {@code GET /lang}. */
    static final String COOKIE = "loaxa-lang";

    private ReportLanguage() {}

    static String of(String param, String cookie, List<Locale> acceptable) {
        if (param != null && !param.isBlank()) {
            String lang = param.trim().toLowerCase(Locale.ROOT);
            if (!ReportTables.LANGUAGES.contains(lang)) {
                throw new InvalidRequestException("lang", ErrorMessage.of("report.lang.unknown", param.trim()));
            }
            return lang;
        }
        if (cookie != null && ReportTables.LANGUAGES.contains(cookie)) {
            return cookie;
        }
        for (Locale locale : acceptable == null ? List.<Locale>of() : acceptable) {
            String lang = locale.getLanguage().toLowerCase(Locale.ROOT);
            if (ReportTables.LANGUAGES.contains(lang)) {
                return lang;
            }
        }
        return ReportTables.VIETNAMESE;
    }
}
