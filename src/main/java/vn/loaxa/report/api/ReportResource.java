package vn.loaxa.report.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.report.service.ReportExporter;
import vn.loaxa.report.service.ReportService;

/** Reports for a date range (Vietnam time, both days included) and an area subtree, as JSON, CSV, XLSX or PDF. */
@Path("/api/v1/reports")
@RolesAllowed(Roles.VIEW)
public class ReportResource {
    private final ReportService reports;
    private final ReportExporter exporter;
    private final AccessGuard guard;

    public ReportResource(ReportService reports, ReportExporter exporter, AccessGuard guard) {
        this.guard = guard;
        this.reports = reports;
        this.exporter = exporter;
    }

    @GET
    @Path("plays")
    public Response plays(
            @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to,
            @QueryParam("area") String requestedArea,
            @QueryParam("format") @DefaultValue("json") String format) {
        String area = areaInScope(requestedArea);
        return respond(
                format, "plays", from, to, area, () -> reports.plays(from, to, area), r -> ((PlaysReport) r).tables());
    }

    @GET
    @Path("as-run")
    public Response asRun(
            @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to,
            @QueryParam("area") String requestedArea,
            @QueryParam("format") @DefaultValue("json") String format) {
        String area = areaInScope(requestedArea);
        return respond(
                format, "as-run", from, to, area, () -> reports.asRun(from, to, area), r -> ((AsRunReport) r).tables());
    }

    @GET
    @Path("availability")
    public Response availability(
            @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to,
            @QueryParam("area") String requestedArea,
            @QueryParam("format") @DefaultValue("json") String format) {
        String area = areaInScope(requestedArea);
        return respond(
                format,
                "availability",
                from,
                to,
                area,
                () -> reports.availability(from, to, area),
                r -> ((AvailabilityReport) r).tables());
    }

    /** A report covers the requested subtree, which must be the caller's or below it; by default the caller's. */
    private String areaInScope(String requested) {
        if (requested == null || requested.isBlank()) {
            return guard.scope().areaCode();
        }
        guard.area(requested);
        return requested;
    }

    private Response respond(
            String format,
            String name,
            LocalDate from,
            LocalDate to,
            String area,
            Supplier<Object> report,
            java.util.function.Function<Object, List<ReportTable>> tables) {
        if ("json".equalsIgnoreCase(format)) {
            return Response.ok(report.get(), "application/json").build();
        }
        ReportExporter.Format exportFormat;
        try {
            exportFormat = ReportExporter.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("format", ErrorMessage.of("report.format"));
        }
        String title = "loaxa " + name + " " + from + " – " + to + (area == null ? "" : ", area " + area);
        byte[] body = exporter.export(exportFormat, title, tables.apply(report.get()));
        String filename = "loaxa-" + name + "-" + from + "-" + to + "." + exportFormat.extension;
        return Response.ok(body, exportFormat.mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .build();
    }
}
