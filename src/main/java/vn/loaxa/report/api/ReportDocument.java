package vn.loaxa.report.api;

import java.util.List;

/**
 * A report as every export format prints it: the heading lines (the title first, then the period, the area and when
 * it was made), then its tables.
 */
public record ReportDocument(List<String> heading, List<ReportTable> tables) {

    public String title() {
        return heading.get(0);
    }
}
