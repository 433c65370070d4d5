package vn.loaxa.report.api;

import java.util.List;

/** One table of a report as every export format prints it; the last row of a table with totals is the total. */
public record ReportTable(String title, List<String> columns, List<List<Object>> rows) {}
