package vn.loaxa.report.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A checked report range: whole days from {@code from} to {@code to}, both included, as instants in the report zone
 * ({@code start} inclusive, {@code end} exclusive), and the LIKE pattern of the area's subtree ({@code %} for every
 * area).
 */
public record ReportRange(
        LocalDate from, LocalDate to, String areaCode, String subtree, OffsetDateTime start, OffsetDateTime end) {}
