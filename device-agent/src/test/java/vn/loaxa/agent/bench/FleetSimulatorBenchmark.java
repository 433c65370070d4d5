package vn.loaxa.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.AgentRuntime;
import vn.loaxa.agent.Main;
import vn.loaxa.agent.support.EmbeddedBroker;

/**
 * How long a {@code --simulate N} process (every receiver's MQTT connection on the one shared event loop) takes from
 * its start until all N receivers are connected to the embedded HiveMQ CE, each logged in with its own credentials, and
 * how many threads and how much heap that process then holds. The simulator runs as a child JVM (this JVM's
 * classpath, {@link Main}) so that its figures are its own and the two ends of 10,000 sockets do not share one
 * process's file limit; "connected" is the broker's own count of connected {@code sim-} clients. N comes from
 * {@code -Dloaxa.bench.receivers} (default 10000); {@code -Dloaxa.bench.transport=paho} measures the baseline, one
 * Paho client per receiver. Run with
 * {@code mvn -B -f device-agent test -Pbenchmark -Dtest=FleetSimulatorBenchmark}.
 */
class FleetSimulatorBenchmark {

    private static final int RECEIVERS = Integer.getInteger("loaxa.bench.receivers", 10_000);
    /** {@code paho} for the baseline: one Paho client (and its threads) per simulated receiver. */
    private static final String TRANSPORT = System.getProperty("loaxa.bench.transport", "shared");

    private static final Duration CONNECT_LIMIT = Duration.ofMinutes(10);
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    @TempDir
    Path dir;

    @Test
    void measureTimeToAllConnected() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(Files.createDirectories(dir.resolve("broker")))) {
            for (int i = 1; i <= RECEIVERS; i++) {
                String number = String.format("%05d", i);
                broker.allow(AgentRuntime.SIMULATED_PREFIX + number, AgentRuntime.SIMULATED_SECRET + "-" + number);
            }
            Process simulator = spawn(broker, "simbench");
            long started = System.nanoTime();
            try {
                await().atMost(CONNECT_LIMIT)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> broker.connectedClients(AgentRuntime.SIMULATED_PREFIX) >= RECEIVERS
                                || !simulator.isAlive());
                double connectSeconds = (System.nanoTime() - started) / 1e9;
                assertThat(simulator.isAlive()).as("the simulator is running").isTrue();
                long pid = simulator.pid();
                System.out.printf(
                        "simulate %d (%s transport, child JVM): all connected in %.1f s after the process started;"
                                + " simulator process: %d threads, heap %d MiB after GC, RSS %d MiB%n",
                        RECEIVERS,
                        TRANSPORT,
                        connectSeconds,
                        procStatus(pid, "Threads"),
                        heapAfterGcMb(pid),
                        procStatus(pid, "VmRSS") >> 10);
                assertThat(broker.connectedClients(AgentRuntime.SIMULATED_PREFIX))
                        .isEqualTo(RECEIVERS);
            } finally {
                simulator.destroy();
                if (!simulator.waitFor(90, TimeUnit.SECONDS)) {
                    simulator.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private Process spawn(EmbeddedBroker broker, String prefix) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-D" + AgentRuntime.SIMULATED_TRANSPORT_PROPERTY + "=" + TRANSPORT,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--simulate",
                String.valueOf(RECEIVERS),
                "--mqtt-url",
                broker.url(),
                "--topic-prefix",
                prefix,
                "--cache-dir",
                dir.resolve("agents").toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("simulator.log").toFile())
                .start();
    }

    /** A number from /proc/{pid}/status ({@code Threads}, or {@code VmRSS} in KiB). */
    private static long procStatus(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException(field + " not in /proc/" + pid + "/status");
    }

    private static long heapAfterGcMb(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) >> 10 : -1;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }
}
