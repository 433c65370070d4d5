package vn.loaxa.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real device agent, run from the jar that {@code mvn -f device-agent package} builds. */
public final class AgentProcess implements AutoCloseable {
    public static final Path JAR = Path.of("device-agent", "target", "loaxa-agent.jar");

    private final Process process;
    private final Path log;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts one agent process serving every receiver of {@code secrets} (receiver id to secret). */
    public static AgentProcess start(
            Map<String, String> secrets, String mqttUrl, String serverUrl, String topicPrefix, Path workDir) {
        return start(secrets, mqttUrl, serverUrl, topicPrefix, workDir, List.of());
    }

    /** As above, with further command-line options such as {@code --heartbeat-seconds 2}. */
    public static AgentProcess start(
            Map<String, String> secrets,
            String mqttUrl,
            String serverUrl,
            String topicPrefix,
            Path workDir,
            List<String> options) {
        try {
            Files.createDirectories(workDir);
            Path fleet = workDir.resolve("fleet.properties");
            StringBuilder lines = new StringBuilder();
            secrets.forEach(
                    (id, secret) -> lines.append(id).append('=').append(secret).append('\n'));
            Files.writeString(fleet, lines);
            List<String> receivers = new ArrayList<>(List.of("--fleet", fleet.toString()));
            receivers.addAll(options);
            return launch(receivers, mqttUrl, serverUrl, topicPrefix, workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts one agent process simulating {@code count} receivers ({@code --simulate}, ids {@code sim-00001}…), with
     * further options such as {@code --register-with}, which give it their secrets.
     */
    public static AgentProcess simulate(
            int count, String mqttUrl, String serverUrl, String topicPrefix, Path workDir, List<String> options) {
        List<String> receivers = new ArrayList<>(List.of("--simulate", String.valueOf(count)));
        receivers.addAll(options);
        return launch(receivers, mqttUrl, serverUrl, topicPrefix, workDir);
    }

    private static AgentProcess launch(
            List<String> options, String mqttUrl, String serverUrl, String topicPrefix, Path workDir) {
        assertThat(JAR)
                .as("the agent jar; build it first with: mvn -B -f device-agent package")
                .isRegularFile();
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve("agent.log");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(
                    java,
                    "-jar",
                    JAR.toString(),
                    "--mqtt-url",
                    mqttUrl,
                    "--server-url",
                    serverUrl,
                    "--topic-prefix",
                    topicPrefix,
                    "--cache-dir",
                    workDir.resolve("cache").toString(),
                    "--sink",
                    "null",
                    "--trusted-keys",
                    String.join(
                            ",",
                            io.restassured.RestAssured.get("/api/v1/signing-keys")
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .jsonPath()
                                    .getList("publicKey", String.class))));
            command.addAll(options);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new AgentProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Waits until the server has heard every one of {@code receiverIds} come online; on failure the message holds the
     * agent's log and the state of the server's inbound side.
     */
    public void awaitOnline(Collection<String> receiverIds, Duration atMost) {
        await("receivers online")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    assertThat(alive()).as(() -> "agent exited:\n" + log()).isTrue();
                    for (String id : receiverIds) {
                        assertThat(asAdmin().get("/api/v1/receivers/" + id).<Boolean>path("online"))
                                .as(() -> id + " online\n" + log() + ServerDiagnostics.inbound())
                                .isTrue();
                    }
                });
    }

    /** Stops the agent as systemd would (SIGTERM), so that it can say goodbye. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
