package vn.loaxa.report.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.report.service.AsRunReports;
import vn.loaxa.report.service.AvailabilityReports;
import vn.loaxa.report.service.CoverageReports;
import vn.loaxa.report.service.PlaysReports;
import vn.loaxa.report.service.ReportExporter;
import vn.loaxa.report.service.ReportTables;

/**
 * Reports for a date range (days in {@code loaxa.report.zone}, both included) and an area subtree, as JSON, CSV, XLSX
 * or PDF. The exports are written in the language of {@code lang} (vi or en), else of the UI's cookie, else of
 * {@code Accept-Language}, else Vietnamese.
 */
@Path("/api/v1/reports")
@RolesAllowed(Roles.VIEW)
public class ReportResource {
    private final PlaysReports plays;
    private final AsRunReports asRun;
    private final AvailabilityReports availability;
    private final CoverageReports coverage;
    private final ReportExporter exporter;
    private final ReportTables tables;
    private final AccessGuard guard;

    public ReportResource(
            PlaysReports plays,
            AsRunReports asRun,
            AvailabilityReports availability,
            CoverageReports coverage,
            ReportExporter exporter,
            ReportTables tables,
            AccessGuard guard) {
        this.guard = guard;
        this.plays = plays;
        this.asRun = asRun;
        this.availability = availability;
        this.coverage = coverage;
        this.exporter = exporter;
        this.tables = tables;
    }

    @GET
    @Path("plays")
    public Response plays(
            @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to,
            @QueryParam("area") String requestedArea,
            @QueryParam("format") @DefaultValue("json") String format,
            @QueryParam("lang") String lang,
            @CookieParam(ReportLanguage.COOKIE) String langCookie,
            @Context HttpHeaders headers) {
        String area = areaInScope(requestedArea);
        return respond(
                format,
                "plays",
                from,
                to,
                language(lang, langCookie, headers),
                () -> plays.plays(from, to, area),
                (r, l) -> tables.plays((PlaysReport) r, l));
    }

    @GET
    @Path("as-run")
    public Response asRun(
            @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to,
            @QueryParam("area") String requestedArea,
            @QueryParam("format") @DefaultValue("json") String format,
            @QueryParam("lang") String lang,
            @CookieParam(ReportLanguage.COOKIE) String langCookie,
            @Context HttpHeaders headers) {
        String area = areaInScope(requestedArea);
        return respond(
                format,
                "as-run",
                from,
                to,
                language(lang, langCookie, headers),
                () -> asRun.asRun(from, to, area),
                (r, l) -> tables.asRun((AsRunReport) r, l));
    }

    @GET
    @Path("availability")
    public Response availability(
            @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to,
            @QueryParam("area") String requestedArea,
            @QueryParam("format") @DefaultValue("json") String format,
            @QueryParam("lang") String lang,
            @CookieParam(ReportLanguage.COOKIE) String langCookie,
            @Context HttpHeaders headers) {
        String area = areaInScope(requestedArea);
        return respond(
                format,
                "availability",
                from,
                to,
                language(lang, langCookie, headers),
                () -> availability.availability(from, to, area),
                (r, l) -> tables.availability((AvailabilityReport) r, l));
    }

    /** Per commune of the area: bulletin airtime per language and the reach of the languages the communes require. */
    @GET
    @Path("coverage")
    public Response coverage(
            @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to,
            @QueryParam("area") String requestedArea,
            @QueryParam("format") @DefaultValue("json") String format,
            @QueryParam("lang") String lang,
            @CookieParam(ReportLanguage.COOKIE) String langCookie,
            @Context HttpHeaders headers) {
        String area = areaInScope(requestedArea);
        return respond(
                format,
                "coverage",
                from,
                to,
                language(lang, langCookie, headers),
                () -> coverage.coverage(from, to, area),
                (r, l) -> tables.coverage((CoverageReport) r, l));
    }

    /** A report covers the requested subtree, which must be the caller's or below it; by default the caller's. */
    private String areaInScope(String requested) {
        if (requested == null || requested.isBlank()) {
            return guard.scope().areaCode();
        }
        guard.area(requested);
        return requested;
    }

    /** The export's language; checked before the report is made, so that a wrong one is refused whatever the format. */
    private static String language(String lang, String cookie, HttpHeaders headers) {
        return ReportLanguage.of(lang, cookie, headers.getAcceptableLanguages());
    }

    private Response respond(
            String format,
            String name,
            LocalDate from,
            LocalDate to,
            String lang,
            Supplier<Object> report,
            BiFunction<Object, String, ReportDocument> document) {
        if ("json".equalsIgnoreCase(format)) {
            return Response.ok(report.get(), "application/json").build();
        }
        ReportExporter.Format exportFormat;
        try {
            exportFormat = ReportExporter.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("format", ErrorMessage.of("report.format"));
        }
        byte[] body = exporter.export(exportFormat, document.apply(report.get(), lang));
        String filename = "loaxa-" + name + "-" + from + "-" + to + "." + exportFormat.extension;
        return Response.ok(body, exportFormat.mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .build();
    }
}
