package vn.loaxa.report.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import vn.loaxa.area.model.Area;
import vn.loaxa.area.model.AreaRepository;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;

/** Checks the range and area every report is asked for, and turns its days into instants of the report zone. */
@ApplicationScoped
public class ReportRanges {
    private static final int MAX_DAYS = 366;

    private final AreaRepository areas;
    private final ZoneId zone;

    public ReportRanges(AreaRepository areas, ReportConfig config) {
        this.areas = areas;
        this.zone = config.zone();
    }

    /** The range, or a 4xx for a missing or reversed date, a range over {@value #MAX_DAYS} days, an unknown area. */
    public ReportRange check(LocalDate from, LocalDate to, String areaCode) {
        if (from == null || to == null) {
            throw new InvalidRequestException(from == null ? "from" : "to", ErrorMessage.of("report.date-required"));
        }
        if (to.isBefore(from)) {
            throw new InvalidRequestException("to", ErrorMessage.of("report.to-before-from"));
        }
        if (to.toEpochDay() - from.toEpochDay() >= MAX_DAYS) {
            throw new InvalidRequestException("to", ErrorMessage.of("report.too-long", MAX_DAYS));
        }
        return new ReportRange(from, to, areaCode, subtree(areaCode), start(from), end(to));
    }

    private String subtree(String areaCode) {
        if (areaCode == null || areaCode.isBlank()) {
            return "%";
        }
        Area area = areas.findByIdOptional(areaCode).orElseThrow(() -> NotFoundException.referenced("Area", areaCode));
        return area.path.replace("%", "\\%").replace("_", "\\_") + "%";
    }

    public ZoneId zone() {
        return zone;
    }

    public OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(zone).toOffsetDateTime();
    }

    public OffsetDateTime end(LocalDate day) {
        return day.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    }
}
