package vn.loaxa.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.protocol.Areas;
import vn.loaxa.agent.protocol.CatchUpRequest;
import vn.loaxa.agent.protocol.Json;
import vn.loaxa.agent.protocol.Manifest;
import vn.loaxa.agent.protocol.Schemas;
import vn.loaxa.agent.store.ManifestStore;

/** When an agent asks the server to catch up after connecting, and what it says it holds. */
class CatchUpTest {

    private static final String RECEIVER = "rx-1";
    private static final Topics TOPICS = new Topics(Topics.DEFAULT_PREFIX);
    private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");
    private static final Duration WAIT = Duration.ofMillis(100);

    @TempDir
    Path cacheDir;

    private final ObjectMapper json = Json.newMapper();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private ManifestState manifests;
    private CatchUp catchUp;

    private record Sent(String topic, CatchUpRequest request) {}

    @BeforeEach
    void newCatchUp() {
        manifests = new ManifestState(RECEIVER, new ManifestStore(cacheDir, json), new MessageCounters());
        catchUp = catchUp(Duration.ofSeconds(30));
    }

    private CatchUp catchUp(Duration askAgainAfter) {
        ControlLane control = new ControlLane(Runnable::run, "test-control");
        return new CatchUp(
                RECEIVER,
                TOPICS,
                json,
                Clock.fixed(NOW, ZoneOffset.UTC),
                WAIT,
                askAgainAfter,
                scheduler,
                control,
                manifests,
                (topic, payload) -> sent.add(new Sent(topic, read(payload))));
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void shouldAskWithNothingHeldWhenNoRetainedMessageCame() {
        catchUp.connected();

        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1);
        Sent request = sent.get(0);
        assertThat(request.topic()).isEqualTo("loaxa/v1/rx/rx-1/catchup");
        assertThat(request.request())
                .isEqualTo(new CatchUpRequest(Schemas.CATCHUP, RECEIVER, NOW, null, null, Map.of()));
    }

    @Test
    void shouldNotAskWhenEveryRetainedTopicDeliveredDuringTheWait() throws Exception {
        holdAreasAndManifests();
        catchUp.connected();
        catchUp.arrived(TOPICS.manifest(RECEIVER));
        catchUp.arrived(TOPICS.areas(RECEIVER));
        catchUp.arrived(TOPICS.areaManifest("vn"));
        catchUp.arrived(TOPICS.areaManifest("vn-hn"));

        await().during(WAIT.multipliedBy(3)).atMost(Duration.ofSeconds(2)).until(sent::isEmpty);
        assertThat(catchUp.missing()).isEmpty();
    }

    @Test
    void shouldAskNamingTheVersionsHeldWhenOneAreaManifestDidNotCome() {
        holdAreasAndManifests();
        catchUp.connected();
        catchUp.arrived(TOPICS.manifest(RECEIVER));
        catchUp.arrived(TOPICS.areas(RECEIVER));
        catchUp.arrived(TOPICS.areaManifest("vn"));

        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1);
        assertThat(catchUp.missing()).containsExactly(TOPICS.areaManifest("vn-hn"));
        assertThat(sent.get(0).request())
                .isEqualTo(new CatchUpRequest(
                        Schemas.CATCHUP, RECEIVER, NOW, 7L, List.of("vn", "vn-hn"), Map.of("vn", 3L, "vn-hn", 4L)));
    }

    @Test
    void shouldForgetWhatAnEarlierConnectionBroughtAndAskOncePerConnection() {
        holdAreasAndManifests();
        catchUp.connected();
        List.of(
                        TOPICS.manifest(RECEIVER),
                        TOPICS.areas(RECEIVER),
                        TOPICS.areaManifest("vn"),
                        TOPICS.areaManifest("vn-hn"))
                .forEach(catchUp::arrived);
        catchUp.connected();
        catchUp.connected();

        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1);
        await().during(WAIT.multipliedBy(3)).atMost(Duration.ofSeconds(2)).until(() -> sent.size() == 1);
    }

    @Test
    void shouldAskAgainWhileNothingComesAndStopAtTheLimit() {
        catchUp = catchUp(Duration.ofMillis(50));
        catchUp.connected();

        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == CatchUp.ASKS_PER_CONNECTION);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(2))
                .until(() -> sent.size() == CatchUp.ASKS_PER_CONNECTION);
    }

    @Test
    void shouldStopAskingOnceWhatWasMissingCame() {
        catchUp = catchUp(Duration.ofMillis(300));
        catchUp.connected();
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1);

        catchUp.arrived(TOPICS.manifest(RECEIVER));
        catchUp.arrived(TOPICS.areas(RECEIVER));

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> sent.size() == 1);
    }

    @Test
    void shouldStopAskingOnceTheServerAnsweredThatNothingNewerExists() {
        holdAreasAndManifests();
        catchUp = catchUp(Duration.ofMillis(300));
        catchUp.connected();
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1);

        catchUp.answered();

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> sent.size() == 1);
        assertThat(catchUp.missing()).as("still not heard on this connection").isNotEmpty();
    }

    @Test
    void shouldAskAgainAfterAReconnectEvenIfTheLastConnectionWasAnswered() {
        catchUp.connected();
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1);
        catchUp.answered();

        catchUp.connected();

        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 2);
    }

    private void holdAreasAndManifests() {
        manifests.acceptAreas(TOPICS.areas(RECEIVER), new Areas(Schemas.AREAS, RECEIVER, 2L, List.of("vn", "vn-hn")));
        manifests.acceptArea(TOPICS.areaManifest("vn"), "vn", area("vn", 3));
        manifests.acceptArea(TOPICS.areaManifest("vn-hn"), "vn-hn", area("vn-hn", 4));
        manifests.acceptOwn(TOPICS.manifest(RECEIVER), new Manifest(Schemas.MANIFEST, RECEIVER, 7L, NOW, List.of()));
    }

    private static Manifest area(String code, long version) {
        return new Manifest(Schemas.MANIFEST, null, version, NOW, List.of(), code);
    }

    private CatchUpRequest read(byte[] payload) {
        try {
            return json.readValue(payload, CatchUpRequest.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
