package vn.loaxa.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import vn.loaxa.support.StackResource;

/**
 * A PostgreSQL cluster of the suite's own, in a temporary directory on a free port, so that a fault can stop it; the
 * machine's shared PostgreSQL is never touched. PostgreSQL refuses to run as root, so its commands run as the
 * {@code postgres} user (through {@code runuser} when the suite runs as root).
 */
final class ThrowawayPostgres implements AutoCloseable {
    private final Path dir;
    private final Path data;
    private final Path log;
    private final int port;
    private final String bin;

    private ThrowawayPostgres(Path dir, int port, String bin) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.log = dir.resolve("postgres.log");
        this.port = port;
        this.bin = bin;
    }

    static ThrowawayPostgres start() {
        try {
            Path dir = Files.createTempDirectory("loaxa-faults-pg-");
            ThrowawayPostgres postgres = new ThrowawayPostgres(dir, StackResource.freePort(), binDirectory());
            if (root()) {
                Processes.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), dir.resolve("commands.log"));
            }
            postgres.asPostgres(List.of(
                    postgres.bin + "/initdb",
                    "-D",
                    postgres.data.toString(),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--no-sync"));
            postgres.begin();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts (or restarts) the cluster and waits until it accepts connections. */
    void begin() {
        asPostgres(List.of(
                bin + "/pg_ctl",
                "-D",
                data.toString(),
                "-l",
                log.toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start"));
        await("PostgreSQL on " + port).atMost(Duration.ofSeconds(30)).until(() -> Processes.listening(port));
    }

    /** Stops the cluster as an operator would (fast shutdown: sessions are cut, nothing is lost). */
    void halt() {
        asPostgres(List.of(bin + "/pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop"));
    }

    void createDatabase(String name) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                asPostgres(List.of(bin + "/pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"));
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("could not remove the throwaway PostgreSQL in " + dir + ": " + e);
        }
    }

    private void asPostgres(List<String> command) {
        Processes.run(
                root()
                        ? Stream.concat(Stream.of("runuser", "-u", "postgres", "--"), command.stream())
                                .toList()
                        : command,
                dir.resolve("commands.log"));
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String binDirectory() {
        String[] versions = Path.of("/usr/lib/postgresql").toFile().list();
        if (versions == null || versions.length == 0) {
            throw new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql");
        }
        Arrays.sort(versions, Comparator.comparingInt(Integer::parseInt));
        return "/usr/lib/postgresql/" + versions[versions.length - 1] + "/bin";
    }
}
