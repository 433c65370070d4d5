package vn.loaxa.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.mqtt.MqttSettings;
import vn.loaxa.agent.mqtt.ReconnectBackoff;
import vn.loaxa.agent.protocol.Json;
import vn.loaxa.agent.protocol.Status;
import vn.loaxa.agent.support.EmbeddedBroker;

/**
 * Two packaged agent processes, a {@code --fleet} of 30 receivers and a {@code --simulate 30}, through a 25 s
 * broker outage: every receiver is connected again (its retained online status is back on the restarted broker)
 * within the reconnect cap plus a connect timeout, 30 s by default, of the broker's return.
 */
class FleetReconnectIT {

    private static final Logger LOG = Logger.getLogger(FleetReconnectIT.class.getName());
    private static final int FLEET_SIZE = 30;
    private static final int SIMULATED = 30;
    private static final Duration OUTAGE = Duration.ofSeconds(25);
    /** The promise of docs/operations.md: back within 30 s of the broker by default. */
    private static final Duration PROMISED = Duration.ofSeconds(30);
    /** Slack for this shared two-core machine (process scheduling, the observer's own connect). */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final String OBSERVER = "observer";
    private static final String OBSERVER_PASSWORD = "observer-password";

    @TempDir
    Path dir;

    private final ObjectMapper json = Json.newMapper();
    private final Map<String, Instant> onlineSince = new ConcurrentHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private EmbeddedBroker broker;
    private MqttClient observer;
    private String prefix;

    @BeforeEach
    void startBroker() throws Exception {
        broker = EmbeddedBroker.start(Files.createDirectories(dir.resolve("broker")));
        broker.allow(OBSERVER, OBSERVER_PASSWORD);
        prefix = "fleet-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (observer != null) {
            observer.disconnectForcibly(1000);
            observer.close(true);
        }
        broker.close();
    }

    @Test
    void shouldReconnectEveryFleetAndSimulatedReceiverWithinThirtySecondsOfTheBrokersReturn() throws Exception {
        assertThat(ReconnectBackoff.DEFAULT_MAX_DELAY.plusSeconds(MqttSettings.CONNECT_TIMEOUT_SECONDS))
                .as("cap plus connect timeout")
                .isLessThanOrEqualTo(PROMISED);
        List<String> fleet = IntStream.rangeClosed(1, FLEET_SIZE)
                .mapToObj(i -> String.format("fleet-%02d", i))
                .toList();
        StringBuilder fleetFile = new StringBuilder();
        for (String receiverId : fleet) {
            broker.allow(receiverId, receiverId + "-secret");
            fleetFile.append(receiverId).append('=').append(receiverId).append("-secret\n");
        }
        List<String> simulated = new ArrayList<>();
        for (int i = 1; i <= SIMULATED; i++) {
            String number = String.format("%05d", i);
            simulated.add(AgentRuntime.SIMULATED_PREFIX + number);
            broker.allow(AgentRuntime.SIMULATED_PREFIX + number, AgentRuntime.SIMULATED_SECRET + "-" + number);
        }
        List<String> everyone = new ArrayList<>(fleet);
        everyone.addAll(simulated);

        Path fleetPath = Files.writeString(dir.resolve("fleet.properties"), fleetFile);
        spawn(
                "fleet.log",
                "--fleet",
                fleetPath.toString(),
                "--cache-dir",
                dir.resolve("fleet-cache").toString());
        spawn(
                "simulate.log",
                "--simulate",
                String.valueOf(SIMULATED),
                "--cache-dir",
                dir.resolve("simulate-cache").toString());
        observeStatuses();
        await().atMost(STARTUP).until(() -> onlineSince.keySet().containsAll(everyone));

        broker.stop();
        await("the agent processes ride out the outage")
                .during(OUTAGE)
                .atMost(OUTAGE.plusSeconds(5))
                .until(() -> processes.stream().allMatch(Process::isAlive));
        onlineSince.clear();
        broker.restart();
        Instant back = Instant.now();
        observeStatuses();

        await().atMost(PROMISED.plus(MARGIN))
                .untilAsserted(() -> assertThat(onlineSince.keySet())
                        .as("receivers back online")
                        .containsAll(everyone));
        Map<String, Duration> reconnectTimes = everyone.stream()
                .collect(Collectors.toMap(id -> id, id -> Duration.between(back, onlineSince.get(id))));
        LOG.info(() -> "reconnected after the broker's return: " + summary(reconnectTimes.values()));
        assertThat(reconnectTimes)
                .allSatisfy((receiverId, took) ->
                        assertThat(took).as(receiverId).isLessThanOrEqualTo(PROMISED.plus(MARGIN)));
    }

    private void spawn(String log, String... args) throws IOException {
        Path jar = Path.of("target", "loaxa-agent.jar").toAbsolutePath();
        assertThat(jar)
                .as("run through 'mvn verify': the IT needs the packaged jar")
                .exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-jar",
                jar.toString(),
                "--mqtt-url",
                broker.url(),
                "--topic-prefix",
                prefix,
                "--sink",
                "null",
                "--will-delay-seconds",
                "60"));
        command.addAll(List.of(args));
        processes.add(new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile())
                .start());
    }

    /** Subscribes a fresh observer to every status; the broker keeps no state across its restart. */
    private void observeStatuses() throws MqttException {
        if (observer != null) {
            observer.close(true);
        }
        observer = new MqttClient(broker.url(), OBSERVER, new MemoryPersistence());
        observer.setCallback((OnMessage) this::statusArrived);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(OBSERVER);
        options.setPassword(OBSERVER_PASSWORD.getBytes(StandardCharsets.UTF_8));
        observer.connect(options);
        observer.subscribe(prefix + "/v1/rx/+/status", 1);
    }

    private void statusArrived(String topic, MqttMessage message) throws IOException {
        Status status = json.readValue(message.getPayload(), Status.class);
        if (Boolean.TRUE.equals(status.online())) {
            onlineSince.putIfAbsent(status.receiverId(), Instant.now());
        }
    }

    private static String summary(Collection<Duration> durations) {
        List<Long> millis = durations.stream().map(Duration::toMillis).sorted().toList();
        return "n=" + millis.size() + ", min " + millis.get(0) + " ms, median " + millis.get(millis.size() / 2)
                + " ms, max " + millis.get(millis.size() - 1) + " ms";
    }
}
