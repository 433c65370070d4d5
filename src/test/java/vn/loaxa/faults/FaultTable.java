package vn.loaxa.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The rows of a run, printed as they come and kept in {@code target/faults/table.md}. */
final class FaultTable {
    static final Path FILE = Path.of("target", "faults", "table.md");
    private static final List<FaultRow> ROWS = new ArrayList<>();
    private static final String HEADER = """
            | fault | case | receivers | plays logged by agents | PLAYED stored | lost | duplicated | wrong state |
            |---|---|---:|---:|---:|---:|---:|---:|
            """;

    private FaultTable() {}

    static synchronized void add(FaultRow row) {
        ROWS.add(row);
        System.out.println("FAULT ROW " + row.markdown());
        write();
    }

    /** A row completed by checks made after it was first added. */
    static synchronized void replace(FaultRow old, FaultRow completed) {
        ROWS.set(ROWS.indexOf(old), completed);
        System.out.println("FAULT ROW (completed) " + completed.markdown());
        write();
    }

    private static void write() {
        StringBuilder table = new StringBuilder("Fault suite run of "
                        + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " (`mvn -B verify -Pfaults`)\n\n")
                .append(HEADER);
        ROWS.forEach(r -> table.append(r.markdown()).append('\n'));
        ROWS.stream()
                .filter(r -> !r.notes().isEmpty())
                .forEach(r -> table.append("\n- fault ")
                        .append(r.fault())
                        .append(", ")
                        .append(r.label())
                        .append(": ")
                        .append(String.join("; ", r.notes())));
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, table.append('\n').toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
