package vn.loaxa.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.area.service.AreaService;
import vn.loaxa.language.service.LanguageService;
import vn.loaxa.report.service.AvailabilityReports;
import vn.loaxa.report.service.CoverageReports;
import vn.loaxa.report.service.PlaysReports;

/**
 * The reports form (date range and area subtree), charts (plays per day, availability per area, airtime per language,
 * airtime per language in each commune, drawn by reports.js from the report JSON), the plays, availability and
 * language coverage tables on the page, and links to the CSV,
 * XLSX and PDF exports of {@code GET /api/v1/reports/...} in the page's language. A field that cannot be read is
 * shown next to it.
 */
@Path("/reports")
@RolesAllowed(Roles.VIEW)
public class ReportsPage {
    private static final int DEFAULT_DAYS = 7;

    private final Ui ui;
    private final Template reports;
    private final PlaysReports plays;
    private final AvailabilityReports availability;
    private final CoverageReports coverage;
    private final AreaService areas;
    private final AccessGuard guard;
    private final LanguageService languages;

    public ReportsPage(
            Ui ui,
            @Location("reports.html") Template reports,
            PlaysReports plays,
            AvailabilityReports availability,
            CoverageReports coverage,
            AreaService areas,
            AccessGuard guard,
            LanguageService languages) {
        this.guard = guard;
        this.languages = languages;
        this.ui = ui;
        this.reports = reports;
        this.plays = plays;
        this.availability = availability;
        this.coverage = coverage;
        this.areas = areas;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(
            @QueryParam("from") String fromText,
            @QueryParam("to") String toText,
            @QueryParam("area") String areaText,
            @CookieParam(Ui.LANG_COOKIE) String lang,
            SecurityContext security) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate today = LocalDate.now(Ui.ZONE);
        LocalDate from = date(fromText, today.minusDays(DEFAULT_DAYS - 1), "from", errors);
        LocalDate to = date(toText, today, "to", errors);
        if (errors.isEmpty() && to.isBefore(from)) {
            errors.put("to", "before");
        }
        List<String> mine = areas.codesUnder(guard.scope().areaPath());
        String area = areaText == null || areaText.isBlank() ? guard.scope().areaCode() : areaText;
        if (area != null && !mine.contains(area)) {
            if (areas.allCodes().contains(area)) {
                guard.area(area);
            }
            errors.put("area", "unknown");
        }
        TemplateInstance page = ui.page(reports, "reports", lang, security, "/reports")
                .data("from", fromText == null ? from.toString() : fromText)
                .data("to", toText == null ? to.toString() : toText)
                .data("area", area == null ? "" : area)
                .data("areas", mine)
                .data("errors", errors);
        if (!errors.isEmpty()) {
            return page.data("plays", null)
                    .data("availability", null)
                    .data("coverage", null)
                    .data("query", "")
                    .data("languages", Map.of());
        }
        String query = "from=" + from + "&to=" + to + (area == null ? "" : "&area=" + area);
        return page.data("plays", plays.plays(from, to, area))
                .data("languages", languageNames(Ui.language(lang)))
                .data("availability", availability.availability(from, to, area))
                .data("coverage", coverage.coverage(from, to, area))
                .data("query", query);
    }

    /** The catalogue's languages by code, each named in the page's language. */
    private Map<String, String> languageNames(String lang) {
        Map<String, String> names = new LinkedHashMap<>();
        languages.catalogue().forEach(l -> names.put(l.code(), Ui.ENGLISH.equals(lang) ? l.nameEn() : l.nameVi()));
        return names;
    }

    private static LocalDate date(String text, LocalDate fallback, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.put(field, "date");
            return fallback;
        }
    }
}
