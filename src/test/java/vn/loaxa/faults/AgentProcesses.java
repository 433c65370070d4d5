package vn.loaxa.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.loaxa.support.AgentProcess;

/**
 * One real agent process ({@code device-agent/target/loaxa-agent.jar --fleet}) serving some receivers with the silent
 * {@code null} sink. It can be killed, stopped and started again on the same cache (outbox, journal, manifests), and
 * its log says which events each receiver recorded.
 */
final class AgentProcesses implements AutoCloseable {
    /** {@code <receiverId> <EVENT> <occurrenceId>}, as the agent's EventPublisher logs every event it records. */
    private static final Pattern EVENT =
            Pattern.compile(" (\\S+) (DELIVERED|DOWNLOADED|PLAYING|PLAYED|FAILED|MISSED|PREEMPTED) ([0-9a-f-]{36})");

    private static final String STAMP = "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}) ";
    /** {@code <receiverId> connected; subscribing ...}, as the agent logs a connect. */
    private static final Pattern CONNECTED = Pattern.compile(STAMP + ".*?: (\\S+) (?:re)?connected; subscribing");
    /** {@code <receiverId> applying manifest version N: K entries}, as the agent logs a manifest it applies. */
    private static final Pattern APPLIED =
            Pattern.compile(STAMP + ".*?: (\\S+) applying manifest version \\d+: (\\d+) entries");

    private final String name;
    private final Map<String, String> secrets;
    private final Path dir;
    private final Path log;
    private final List<String> arguments;
    private Process process;

    private AgentProcesses(String name, Map<String, String> secrets, Path dir, List<String> arguments) {
        this.name = name;
        this.secrets = new LinkedHashMap<>(secrets);
        this.dir = dir;
        this.log = dir.resolve("agent.log");
        this.arguments = arguments;
    }

    /**
     * @param jvmOptions JVM options, e.g. {@code -Dloaxa.agent.test-clock-skew-seconds=180}
     * @param extra      further agent options, e.g. {@code --will-delay-seconds 2}
     */
    static AgentProcesses start(
            String name,
            Map<String, String> secrets,
            Path dir,
            String mqttUrl,
            String serverUrl,
            String topicPrefix,
            List<String> trustedKeys,
            List<String> jvmOptions,
            List<String> extra) {
        if (!AgentProcess.JAR.toFile().isFile()) {
            throw new IllegalStateException("no " + AgentProcess.JAR + ": mvn -B -f device-agent/pom.xml package");
        }
        try {
            Files.createDirectories(dir);
            Path fleet = dir.resolve("fleet.properties");
            StringBuilder lines = new StringBuilder();
            secrets.forEach(
                    (id, secret) -> lines.append(id).append('=').append(secret).append('\n'));
            Files.writeString(fleet, lines);
            List<String> arguments = new ArrayList<>(List.of(Processes.java(), "-Xmx256m"));
            arguments.addAll(jvmOptions);
            arguments.addAll(List.of(
                    "-jar",
                    AgentProcess.JAR.toString(),
                    "--fleet",
                    fleet.toString(),
                    "--mqtt-url",
                    mqttUrl,
                    "--server-url",
                    serverUrl,
                    "--topic-prefix",
                    topicPrefix,
                    "--cache-dir",
                    dir.resolve("cache").toString(),
                    "--sink",
                    "null",
                    "--trusted-keys",
                    String.join(",", trustedKeys)));
            arguments.addAll(extra);
            AgentProcesses agents = new AgentProcesses(name, secrets, dir, arguments);
            agents.begin();
            return agents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the process (again) on the same cache. */
    void begin() {
        Processes.appendMarker(log, "starting " + name);
        process = Processes.start(arguments, log);
    }

    void kill() {
        Processes.appendMarker(log, "killing " + name + " (SIGKILL)");
        Processes.kill(process);
    }

    void halt() {
        Processes.appendMarker(log, "stopping " + name + " (SIGTERM)");
        Processes.stop(process);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    Set<String> receivers() {
        return secrets.keySet();
    }

    Map<String, String> secrets() {
        return secrets;
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /** Every event the receivers of this process recorded, in log order (across restarts). */
    List<LoggedEvent> events() {
        List<LoggedEvent> events = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(log)) {
                Matcher matcher = EVENT.matcher(line);
                if (matcher.find() && secrets.containsKey(matcher.group(1))) {
                    events.add(new LoggedEvent(matcher.group(1), matcher.group(3), matcher.group(2)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    /**
     * For each receiver that has one, the time from its first connect in this log to the first own manifest with
     * entries that it applied after that connect (the agent's log lines carry millisecond local timestamps).
     */
    Map<String, Duration> manifestAfterConnect() {
        Map<String, LocalDateTime> connected = new LinkedHashMap<>();
        Map<String, Duration> held = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(log)) {
                Matcher connect = CONNECTED.matcher(line);
                if (connect.find() && secrets.containsKey(connect.group(2))) {
                    connected.putIfAbsent(
                            connect.group(2),
                            LocalDateTime.parse(connect.group(1).replace(' ', 'T')));
                    continue;
                }
                Matcher applied = APPLIED.matcher(line);
                if (applied.find()
                        && connected.containsKey(applied.group(2))
                        && Integer.parseInt(applied.group(3)) > 0) {
                    LocalDateTime at = LocalDateTime.parse(applied.group(1).replace(' ', 'T'));
                    held.putIfAbsent(applied.group(2), Duration.between(connected.get(applied.group(2)), at));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return held;
    }

    /** An event as an agent logged it when it recorded it. */
    record LoggedEvent(String receiverId, String occurrenceId, String event) {}

    @Override
    public void close() {
        if (alive()) {
            Processes.stop(process);
        }
    }
}
