package vn.loaxa.support;

import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.loaxa.delivery.model.DeliveryEvent;
import vn.loaxa.delivery.model.DeliveryEventRepository;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;

/**
 * What the end-to-end scenarios share: receivers served by a real agent process on this server's broker, tone
 * recordings made into bulletins, broadcasts created through the API, and what the server then records of them.
 */
@ApplicationScoped
public class EndToEndFixture {
    /** How long a freshly started agent may take to bring its receivers online. */
    public static final Duration ONLINE_WITHIN = Duration.ofSeconds(60);

    @Inject
    MqttConfig mqtt;

    @Inject
    EmbeddedBroker broker;

    @Inject
    DeliveryEventRepository events;

    @ConfigProperty(name = "loaxa.public-base-url")
    String serverUrl;

    @ConfigProperty(name = "loaxa.data-dir")
    Path dataDir;

    /** A commune at the top of the tree with one Vietnamese-speaking receiver per id; returns id to secret. */
    public Map<String, String> commune(String code, String... receiverIds) {
        Fixtures.area(code, "COMMUNE", null);
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String id : receiverIds) {
            secrets.put(id, Fixtures.receiver(id, code, List.of("vie")));
        }
        return secrets;
    }

    /** Starts one agent process for these receivers (id to secret), working in {@code name} under the data dir. */
    public AgentProcess agent(String name, Map<String, String> secrets) {
        return agent(name, secrets, List.of());
    }

    /** As {@link #agent(String, Map)}, with further command-line options for the agent. */
    public AgentProcess agent(String name, Map<String, String> secrets, List<String> options) {
        return AgentProcess.start(
                secrets,
                mqtt.url().or(broker::url).orElseThrow(),
                serverUrl,
                mqtt.topicPrefix(),
                dataDir.resolve(name),
                options);
    }

    /** Starts one agent process simulating {@code count} receivers ({@code --simulate}), with these options. */
    public AgentProcess simulatingAgent(String name, int count, List<String> options) {
        return AgentProcess.simulate(
                count,
                mqtt.url().or(broker::url).orElseThrow(),
                serverUrl,
                mqtt.topicPrefix(),
                dataDir.resolve(name),
                options);
    }

    /** The server's own base URL, as the agents reach it. */
    public String serverUrl() {
        return serverUrl;
    }

    /** As {@link #agent}, and waits until the server has seen every one of its receivers come online. */
    public AgentProcess onlineAgent(String name, Map<String, String> secrets) {
        AgentProcess agent = agent(name, secrets);
        agent.awaitOnline(secrets.keySet(), ONLINE_WITHIN);
        return agent;
    }

    /** Uploads a sine tone (amplitude 0..1) and waits until it is READY; returns the media id. */
    public String tone(String title, String language, double seconds, double frequency, double amplitude) {
        try {
            Path wav = TestAudio.sineWav(Files.createTempFile("tone", ".wav"), seconds, frequency, amplitude);
            return Fixtures.uploadReadyMedia(wav, title, language);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An approved bulletin of one Vietnamese tone; returns its id. */
    public String toneBulletin(String title, double seconds, double frequency, double amplitude, String priority) {
        return Fixtures.bulletin(tone(title, "vie", seconds, frequency, amplitude), priority);
    }

    /** Creates a broadcast from a request as the API takes it, requires 201, and returns what the API answered. */
    public JsonPath broadcast(Map<String, ?> request) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(request)
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    /** The delivery report of a broadcast, as {@code GET /api/v1/broadcasts/{id}/deliveries} gives it. */
    public JsonPath deliveries(String broadcastId) {
        return asAdmin()
                .get("/api/v1/broadcasts/" + broadcastId + "/deliveries")
                .jsonPath();
    }

    /** How many receivers reported {@code event} for the occurrence. */
    public long count(UUID occurrenceId, DeliveryState event) {
        return QuarkusTransaction.requiringNew()
                .call(() -> events.count("occurrenceId = ?1 and event = ?2", occurrenceId, event));
    }

    /** The receivers' reports of {@code event} for the occurrence, earliest first. */
    public List<DeliveryEvent> events(UUID occurrenceId, DeliveryState event) {
        return QuarkusTransaction.requiringNew()
                .call(() -> events.list("occurrenceId = ?1 and event = ?2 order by occurredAt", occurrenceId, event));
    }
}
