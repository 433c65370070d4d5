package vn.loaxa.dispatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.loaxa.support.AgentProcess;

/**
 * A {@code --simulate N} agent process (the shared-loop fleet simulator) serving receivers {@code sim-00001…} whose
 * secrets are {@code <secretBase>-00001…}, run from the agent jar in a JVM of its own.
 */
final class SimulatedFleet implements AutoCloseable {
    static final String ID_PREFIX = "sim-";
    private static final Pattern CONNECTED = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}) INFO vn\\.loaxa\\.agent\\.Agent: (sim-\\d+) (?:re)?connected;");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final Process process;
    private final Path log;
    private final Instant startedAt;

    private SimulatedFleet(Process process, Path log, Instant startedAt) {
        this.process = process;
        this.log = log;
        this.startedAt = startedAt;
    }

    /** When the simulator's process was started. */
    Instant startedAt() {
        return startedAt;
    }

    static String receiverId(int number) {
        return ID_PREFIX + String.format("%05d", number);
    }

    static String secret(String secretBase, int number) {
        return secretBase + "-" + String.format("%05d", number);
    }

    static SimulatedFleet start(
            int receivers,
            String secretBase,
            String mqttUrl,
            String serverUrl,
            String topicPrefix,
            List<String> trustedKeys,
            Path workDir) {
        assertThat(AgentProcess.JAR)
                .as("the agent jar; build it first with: mvn -B -f device-agent package -DskipTests")
                .isRegularFile();
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve("simulator.log");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(
                    java,
                    "-jar",
                    AgentProcess.JAR.toString(),
                    "--simulate",
                    String.valueOf(receivers),
                    "--secret",
                    secretBase,
                    "--mqtt-url",
                    mqttUrl,
                    "--server-url",
                    serverUrl,
                    "--topic-prefix",
                    topicPrefix,
                    "--cache-dir",
                    workDir.resolve("agents").toString(),
                    "--trusted-keys",
                    String.join(",", trustedKeys)));
            Instant startedAt = Instant.now();
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new SimulatedFleet(process, log, startedAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Lines in the simulator's log so far: a mark for {@link #connectFailuresSince}. */
    int logLines() {
        return readLog().size();
    }

    /**
     * The failed connection attempts the simulated receivers logged after {@code mark}, by cause: CONNACK timeouts
     * (the broker did not answer within the client's 10 s), refusals (NOT_AUTHORIZED: the server's check of the
     * password did not finish within the broker's 10 s) and others.
     */
    Map<String, Integer> connectFailuresSince(int mark) {
        Map<String, Integer> causes = new TreeMap<>();
        List<String> lines = readLog();
        for (String line : lines.subList(Math.min(mark, lines.size()), lines.size())) {
            if (line.contains("cannot connect")) {
                String cause = line.contains("CONNACK contained an Error Code: NOT_AUTHORIZED")
                        ? "refused"
                        : line.contains("Timeout while waiting for CONNACK") ? "CONNACK timeout" : "other";
                causes.merge(cause, 1, Integer::sum);
            }
        }
        return causes;
    }

    /** The size of the simulator's log so far: a mark for {@link #connectedSince}. */
    long logSize() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The instant each receiver first logged a connection (or reconnection) after the byte {@code mark} of the log
     * (the log's own timestamps, on this host's clock), by receiver id: the connect storm as the receivers saw it.
     * Reads only what was logged after the mark.
     */
    Map<String, Instant> connectedSince(long mark) {
        Map<String, Instant> first = new HashMap<>();
        List<String> lines;
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(mark);
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : lines) {
            Matcher connected = CONNECTED.matcher(line);
            if (connected.find()) {
                first.putIfAbsent(
                        connected.group(2),
                        LocalDateTime.parse(connected.group(1), LOG_TIME)
                                .atZone(ZoneId.systemDefault())
                                .toInstant());
            }
        }
        return first;
    }

    private List<String> readLog() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the simulator's log, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
