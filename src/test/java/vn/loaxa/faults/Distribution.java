package vn.loaxa.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The released archive ({@code target/loaxa-server-<version>.tar.gz}, the one artifact that {@code mvn package}
 * makes) unpacked as a province installs it, and started by its launcher {@code bin/loaxa-server} with its
 * configuration in environment variables only.
 */
final class Distribution {
    private static final Path ARCHIVE = Path.of(System.getProperty("loaxa.distribution", "target/missing.tar.gz"));
    private static final Path ROOT = Path.of("target", "faults");
    private static Distribution onPostgres;

    private final Path home;

    private Distribution(Path home) {
        this.home = home;
    }

    /**
     * The archive unpacked once per suite and re-augmented for PostgreSQL by configuration (the launcher's
     * {@code augment}, which every later start then finds done). All the suite's servers run from it.
     */
    static synchronized Distribution onPostgres() {
        if (onPostgres == null) {
            Distribution unpacked = unpack(ROOT.resolve("distribution-postgresql"));
            Path log = unpacked.home.resolveSibling("augment.log");
            Processes.run(
                    List.of(unpacked.launcher().toString(), "augment"),
                    environment(Map.of("quarkus.datasource.db-kind", "postgresql")),
                    log);
            onPostgres = unpacked;
        }
        return onPostgres;
    }

    /** A fresh copy of the archive as shipped, in {@code dir}. */
    static Distribution unpack(Path dir) {
        if (!Files.isRegularFile(ARCHIVE)) {
            throw new IllegalStateException("no " + ARCHIVE + ": run the suite with mvn -B verify -Pfaults");
        }
        Path home = dir.toAbsolutePath().resolve("loaxa-server");
        try {
            FaultStack.deleteRecursively(dir);
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Processes.run(
                List.of(
                        "tar",
                        "-xzf",
                        ARCHIVE.toAbsolutePath().toString(),
                        "-C",
                        home.toString(),
                        "--strip-components=1"),
                Map.of(),
                dir.resolve("unpack.log"));
        return new Distribution(home);
    }

    Path launcher() {
        return home.resolve("bin").resolve("loaxa-server");
    }

    /**
     * The launcher's environment for these configuration properties, named as Quarkus maps environment variables
     * ({@code quarkus.datasource.jdbc.url} is {@code QUARKUS_DATASOURCE_JDBC_URL}), with the suite's JDK.
     */
    static Map<String, String> environment(Map<String, String> properties) {
        Map<String, String> environment = new TreeMap<>();
        properties.forEach((key, value) ->
                environment.put(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT), value));
        environment.put(
                "JAVA_HOME", Path.of(Processes.java()).getParent().getParent().toString());
        return environment;
    }
}
