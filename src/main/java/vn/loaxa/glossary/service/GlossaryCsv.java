package vn.loaxa.glossary.service;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.MalformedRequestException;
import vn.loaxa.glossary.api.GlossaryEntryView;

/**
 * The glossary as a spreadsheet: one row per entry, a column per language, as a person fills it in.
 *
 * <pre>
 * vie,nut,tyz,domain,note
 * lũ quét,,nặm lũ,thien-tai-khan-cap,
 * </pre>
 *
 * Written in UTF-8 with a byte order mark (so that Excel shows the diacritics) and CRLF line ends (RFC 4180); the
 * language columns in code order. Read back in any column order, with or without the mark; only {@code vie} is
 * required. Text that cannot be read as such a table is a {@link MalformedRequestException} naming its line.
 */
public final class GlossaryCsv {
    public static final String VIE = "vie";
    public static final String DOMAIN = "domain";
    public static final String NOTE = "note";

    private static final char BOM = '\uFEFF';
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;
    private static final ErrorMessage TITLE = ErrorMessage.of("glossary.csv.title");

    private GlossaryCsv() {}

    public static String write(List<GlossaryEntryView> entries) {
        SortedSet<String> languages = new TreeSet<>();
        entries.forEach(e -> languages.addAll(e.terms().keySet()));
        StringBuilder out = new StringBuilder().append(BOM);
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            List<String> header = new ArrayList<>();
            header.add(VIE);
            header.addAll(languages);
            header.add(DOMAIN);
            header.add(NOTE);
            printer.printRecord(header);
            for (GlossaryEntryView entry : entries) {
                List<String> row = new ArrayList<>();
                row.add(entry.vie());
                languages.forEach(l -> row.add(entry.terms().getOrDefault(l, "")));
                row.add(entry.domain());
                row.add(entry.note() == null ? "" : entry.note());
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The bytes as text in the charset the request declares, UTF-8 when it declares none; bytes that are not valid in
     * it (a file saved in a legacy code page and sent as UTF-8) cannot be read.
     */
    public static String text(byte[] bytes, String declaredCharset) {
        Charset charset = StandardCharsets.UTF_8;
        if (declaredCharset != null && !declaredCharset.isBlank()) {
            try {
                charset = Charset.forName(declaredCharset.strip());
            } catch (IllegalArgumentException e) {
                throw new MalformedRequestException(TITLE, null, ErrorMessage.of("glossary.csv.not-utf8"));
            }
        }
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedRequestException(TITLE, null, ErrorMessage.of("glossary.csv.not-utf8"));
        }
    }

    /** The header's language columns (every column but vie, domain and note), lower case, in file order. */
    public static List<String> languages(List<String> header) {
        return header.stream()
                .filter(c -> !c.equals(VIE) && !c.equals(DOMAIN) && !c.equals(NOTE))
                .toList();
    }

    /** The header, lower case, and the data rows; blank lines are skipped. */
    public static Table read(String text) {
        String csv = !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
        List<String> header = null;
        List<GlossaryRow> rows = new ArrayList<>();
        long endOfLast = 0;
        try (CSVParser parser = CSVParser.builder()
                .setReader(new StringReader(csv))
                .setFormat(FORMAT)
                .get()) {
            var records = parser.iterator();
            while (true) {
                int line = (int) endOfLast + 1;
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw malformed(line, ErrorMessage.of("glossary.csv.broken", line, e.getMessage()));
                }
                endOfLast = parser.getCurrentLineNumber();
                if (header == null) {
                    header = header(record);
                } else if (!isBlank(record)) {
                    rows.add(row(line, header, record));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (header == null) {
            throw malformed(1, ErrorMessage.of("glossary.csv.empty"));
        }
        return new Table(header, rows);
    }

    /** A file's header and rows. */
    public record Table(List<String> header, List<GlossaryRow> rows) {}

    private static List<String> header(CSVRecord record) {
        List<String> header = new ArrayList<>();
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw malformed(1, ErrorMessage.of("glossary.csv.column-blank", i + 1));
            }
            if (header.contains(name)) {
                throw malformed(1, ErrorMessage.of("glossary.csv.column-twice", name));
            }
            header.add(name);
        }
        if (!header.contains(VIE)) {
            throw malformed(1, ErrorMessage.of("glossary.csv.no-vie"));
        }
        return List.copyOf(header);
    }

    private static GlossaryRow row(int line, List<String> header, CSVRecord record) {
        if (record.size() != header.size()) {
            throw malformed(line, ErrorMessage.of("glossary.csv.width", line, record.size(), header.size()));
        }
        Map<String, String> terms = new LinkedHashMap<>();
        String vie = null;
        String domain = null;
        String note = null;
        for (int i = 0; i < header.size(); i++) {
            String cell = record.get(i);
            switch (header.get(i)) {
                case VIE -> vie = cell;
                case DOMAIN -> domain = cell;
                case NOTE -> note = cell;
                default -> terms.put(header.get(i), cell);
            }
        }
        return new GlossaryRow(line, vie, terms, domain, note);
    }

    private static boolean isBlank(CSVRecord record) {
        return record.stream().allMatch(String::isBlank);
    }

    private static MalformedRequestException malformed(int line, ErrorMessage message) {
        return new MalformedRequestException(TITLE, lineField(line), message);
    }

    /** The field a problem names for a line of the file. */
    public static String lineField(int line) {
        return "line " + line;
    }
}
