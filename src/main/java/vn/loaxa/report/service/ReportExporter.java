package vn.loaxa.report.service;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.loaxa.report.api.ReportDocument;
import vn.loaxa.report.api.ReportTable;

/**
 * Writes a report as CSV, XLSX (one sheet per table) or PDF, each starting with the report's heading; numbers stay
 * numbers in every format.
 */
@ApplicationScoped
public class ReportExporter {
    /** Liberation Sans, from openpdf-fonts-extra. */
    static final String REGULAR_FONT = "liberation/LiberationSans-Regular.ttf";

    static final String BOLD_FONT = "liberation/LiberationSans-Bold.ttf";

    private final BaseFont regular;
    private final BaseFont bold;

    public ReportExporter() {
        this.regular = font(REGULAR_FONT);
        this.bold = font(BOLD_FONT);
    }

    /** A TrueType font read once from the class path, to be embedded (the used glyphs only) in each PDF. */
    private static BaseFont font(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Font not on the class path: " + resource);
            }
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            return BaseFont.createFont(
                    name, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, BaseFont.CACHED, in.readAllBytes(), null);
        } catch (IOException | DocumentException e) {
            throw new IllegalStateException("Cannot read the font " + resource, e);
        }
    }

    public enum Format {
        CSV("text/csv; charset=UTF-8", "csv"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        PDF("application/pdf", "pdf");

        public final String mediaType;
        public final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    public byte[] export(Format format, ReportDocument document) {
        return switch (format) {
            case CSV -> csv(document.heading(), document.tables());
            case XLSX -> xlsx(document.heading(), document.tables());
            case PDF -> pdf(document.heading(), document.tables());
        };
    }

    /**
     * The heading, one line a row, then the tables one after another, each led by a one-cell title row and its
     * header, separated by an empty row.
     */
    private static byte[] csv(List<String> heading, List<ReportTable> tables) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // a byte order mark, so that spreadsheet programs read Vietnamese text as UTF-8
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        try (CSVPrinter printer =
                new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
            for (String line : heading) {
                printer.printRecord(line);
            }
            for (ReportTable table : tables) {
                printer.println();
                printer.printRecord(table.title());
                printer.printRecord(table.columns());
                for (List<Object> row : table.rows()) {
                    printer.printRecord(
                            row.stream().map(v -> v == null ? "" : v.toString()).toList());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * One sheet per table, named after it: the report's heading (one line a row) and the table's title, an empty
     * row, the header in bold, then the rows.
     */
    private static byte[] xlsx(List<String> heading, List<ReportTable> tables) {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            org.apache.poi.ss.usermodel.Font boldFont = workbook.createFont();
            boldFont.setBold(true);
            CellStyle boldStyle = workbook.createCellStyle();
            boldStyle.setFont(boldFont);
            for (ReportTable table : tables) {
                Sheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(table.title()));
                int next = 0;
                for (String line : heading) {
                    Cell cell = sheet.createRow(next).createCell(0);
                    cell.setCellValue(line);
                    if (next == 0) {
                        cell.setCellStyle(boldStyle);
                    }
                    spanAllColumns(sheet, next++, table);
                }
                Cell tableTitle = sheet.createRow(next).createCell(0);
                tableTitle.setCellValue(table.title());
                tableTitle.setCellStyle(boldStyle);
                spanAllColumns(sheet, next++, table);
                next++;
                Row header = sheet.createRow(next++);
                for (int c = 0; c < table.columns().size(); c++) {
                    Cell cell = header.createCell(c);
                    cell.setCellValue(table.columns().get(c));
                    cell.setCellStyle(boldStyle);
                }
                for (int r = 0; r < table.rows().size(); r++) {
                    Row row = sheet.createRow(next + r);
                    List<Object> values = table.rows().get(r);
                    for (int c = 0; c < values.size(); c++) {
                        set(row.createCell(c), values.get(c));
                    }
                }
                for (int c = 0; c < table.columns().size(); c++) {
                    sheet.autoSizeColumn(c);
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A heading line spans the table's columns, so that it does not widen the first one. */
    private static void spanAllColumns(Sheet sheet, int row, ReportTable table) {
        if (table.columns().size() > 1) {
            sheet.addMergedRegion(
                    new CellRangeAddress(row, row, 0, table.columns().size() - 1));
        }
    }

    /** Each column as wide as its longest text (between 4 and 40 characters), so that short values do not wrap. */
    static float[] widths(ReportTable table) {
        float[] widths = new float[table.columns().size()];
        for (int c = 0; c < widths.length; c++) {
            int longest = table.columns().get(c).length();
            for (List<Object> row : table.rows()) {
                Object value = c < row.size() ? row.get(c) : null;
                longest = Math.max(longest, value == null ? 0 : value.toString().length());
            }
            widths[c] = Math.max(4, Math.min(40, longest));
        }
        return widths;
    }

    private static void set(Cell cell, Object value) {
        if (value instanceof Long || value instanceof Integer) {
            cell.setCellValue(((Number) value).longValue());
        } else if (value instanceof BigDecimal decimal) {
            cell.setCellValue(decimal.doubleValue());
        } else if (value != null) {
            cell.setCellValue(value.toString());
        }
    }

    /**
     * A4 landscape in Liberation Sans, embedded as Identity-H (every Vietnamese letter and the Latin letters of the
     * minority-language scripts): the title, the rest of the heading, then each table under its title.
     */
    private byte[] pdf(List<String> heading, List<ReportTable> tables) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate(), 24, 24, 24, 24);
        try {
            PdfWriter.getInstance(document, out);
            document.open();
            document.addTitle(heading.get(0));
            document.add(new Paragraph(heading.get(0), new Font(bold, 14)));
            Font headingFont = new Font(regular, 10);
            for (String line : heading.subList(1, heading.size())) {
                document.add(new Paragraph(line, headingFont));
            }
            Font cellFont = new Font(regular, 8);
            Font headerFont = new Font(bold, 8);
            Font tableTitleFont = new Font(bold, 11);
            for (ReportTable table : tables) {
                Paragraph tableTitle = new Paragraph(table.title(), tableTitleFont);
                tableTitle.setSpacingBefore(8);
                document.add(tableTitle);
                PdfPTable pdfTable = new PdfPTable(widths(table));
                pdfTable.setWidthPercentage(100);
                pdfTable.setSpacingBefore(4);
                pdfTable.setSpacingAfter(10);
                pdfTable.setHeaderRows(1);
                table.columns().forEach(c -> pdfTable.addCell(new PdfPCell(new Phrase(c, headerFont))));
                for (List<Object> row : table.rows()) {
                    row.forEach(
                            v -> pdfTable.addCell(new PdfPCell(new Phrase(v == null ? "" : v.toString(), cellFont))));
                }
                document.add(pdfTable);
            }
        } catch (DocumentException e) {
            throw new IllegalStateException("Cannot write the PDF report", e);
        } finally {
            document.close();
        }
        return out.toByteArray();
    }
}
