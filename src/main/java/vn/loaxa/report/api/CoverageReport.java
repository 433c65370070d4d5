package vn.loaxa.report.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * How well the bulletins aired in each commune of an area carried the languages it requires: {@code total} rolls
 * the communes up over the whole area, {@code communes} lists each (by name). Languages are catalogue codes.
 */
public record CoverageReport(LocalDate from, LocalDate to, String area, Coverage total, List<Coverage> communes) {

    /**
     * One commune, or the area's roll-up: bulletin airtime per language, each required language's reach, and the
     * aired bulletins that lacked a required language.
     */
    public record Coverage(
            String areaCode, String areaName, List<Airtime> airtime, List<Reach> required, List<Lacking> lacking) {}

    /** Seconds of bulletin audio played in a language, counted by segment. */
    public record Airtime(String language, long seconds) {}

    /**
     * A required language: the bulletins aired where it is required ({@code aired}; summed over communes in a roll-up),
     * how many of them reached it, and that share in percent (null when nothing aired).
     */
    public record Reach(String language, long aired, long reached, BigDecimal sharePercent) {}

    /** An aired bulletin that did not reach a required language in a commune: first aired there at {@code airedAt}. */
    public record Lacking(
            UUID bulletinId, String title, OffsetDateTime airedAt, String language, String areaCode, String areaName) {}
}
