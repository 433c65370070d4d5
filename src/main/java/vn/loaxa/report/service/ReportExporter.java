package vn.loaxa.report.service;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.loaxa.report.api.ReportTable;

/** Writes report tables as CSV, XLSX (one sheet per table) or PDF; numbers stay numbers in every format. */
@ApplicationScoped
public class ReportExporter {

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

    public byte[] export(Format format, String title, List<ReportTable> tables) {
        return switch (format) {
            case CSV -> csv(title, tables);
            case XLSX -> xlsx(tables);
            case PDF -> pdf(title, tables);
        };
    }

    /** Tables one after another, each led by a one-cell title row and its header, separated by an empty row. */
    private static byte[] csv(String title, List<ReportTable> tables) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // a byte order mark, so that spreadsheet programs read Vietnamese text as UTF-8
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        try (CSVPrinter printer =
                new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
            printer.printRecord(title);
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

    private static byte[] xlsx(List<ReportTable> tables) {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (ReportTable table : tables) {
                Sheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(table.title()));
                Row header = sheet.createRow(0);
                for (int c = 0; c < table.columns().size(); c++) {
                    header.createCell(c).setCellValue(table.columns().get(c));
                }
                for (int r = 0; r < table.rows().size(); r++) {
                    Row row = sheet.createRow(r + 1);
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

    private static void set(Cell cell, Object value) {
        if (value instanceof Long || value instanceof Integer) {
            cell.setCellValue(((Number) value).longValue());
        } else if (value instanceof BigDecimal decimal) {
            cell.setCellValue(decimal.doubleValue());
        } else if (value != null) {
            cell.setCellValue(value.toString());
        }
    }

    private static byte[] pdf(String title, List<ReportTable> tables) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate(), 24, 24, 24, 24);
        try {
            PdfWriter.getInstance(document, out);
            document.open();
            document.add(new Paragraph(title, FontFactory.getFont(FontFactory.HELVETICA_BOLD, 14)));
            Font cellFont = FontFactory.getFont(FontFactory.HELVETICA, 8);
            Font headerFont = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 8);
            for (ReportTable table : tables) {
                document.add(new Paragraph(table.title(), FontFactory.getFont(FontFactory.HELVETICA_BOLD, 11)));
                PdfPTable pdfTable = new PdfPTable(table.columns().size());
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
