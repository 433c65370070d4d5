package vn.loaxa.dispatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.MqttGateway;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;
import vn.loaxa.support.TestMqttClient;

/**
 * Dispatches (Quartz threads) and cancels (HTTP threads) race on shared receivers, round after round. Afterwards
 * every receiver's and the area's retained manifest is exactly what the database holds pending for it, and on every
 * topic the versions seen only went up.
 */
@QuarkusTest
class ManifestRaceTest {
    private static final String AREA = "MRACE";
    private static final int RECEIVERS = 6;
    private static final int ROUNDS = 12;
    private static final int CREATORS = 3;
    private static final int CANCELLERS = 2;

    @Inject
    MqttGateway gateway;

    @Inject
    MqttConfig mqtt;

    @Inject
    EmbeddedBroker broker;

    @Inject
    EntityManager em;

    @Test
    void shouldNeverLeaveAStaleManifestWhenDispatchesAndCancelsRace() throws Exception {
        Fixtures.area(AREA, "COMMUNE", null);
        List<String> receivers = new ArrayList<>();
        for (int i = 1; i <= RECEIVERS; i++) {
            Fixtures.receiver("mrace-" + i, AREA, List.of("vie"));
            receivers.add("mrace-" + i);
        }
        String bulletin = Fixtures.bulletin(
                Fixtures.uploadReadyMedia(
                        TestAudio.sineWav(Files.createTempFile("race", ".wav"), 2, 440, 0.2), "Đua", "vie"),
                "NORMAL");
        // rendered before the race, which is about manifests, not about two first renders of one variant
        asAdmin().get("/api/v1/bulletins/" + bulletin + "/variants").then().statusCode(200);
        Map<String, String> topics = new HashMap<>();
        receivers.forEach(
                id -> topics.put(gateway.topics().receiver(id, vn.loaxa.dispatch.mqtt.Topics.Kind.MANIFEST), id));
        String areaTopic = gateway.topics().areaManifest(AREA);
        String url = mqtt.url().or(broker::url).orElseThrow();

        try (TestMqttClient watcher = new TestMqttClient(url)) {
            for (String topic : topics.keySet()) {
                watcher.subscribe(topic);
            }
            watcher.subscribe(areaTopic);
            List<String> created = new CopyOnWriteArrayList<>();
            race(bulletin, receivers, created);
            await("every dispatch done").atMost(Duration.ofSeconds(120)).until(() -> undispatched(created) == 0);

            await("retained manifests equal what is pending")
                    .atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> {
                        Map<String, Set<String>> retained = retained(url, topics.keySet(), areaTopic);
                        for (Map.Entry<String, String> topic : topics.entrySet()) {
                            assertThat(retained.get(topic.getKey()))
                                    .as("manifest of %s", topic.getValue())
                                    .isEqualTo(pendingOf(topic.getValue()));
                        }
                        assertThat(retained.get(areaTopic)).as("area manifest").isEqualTo(pendingOfArea());
                    });
            assertThat(pendingOfArea().size()
                            + receivers.stream()
                                    .mapToInt(id -> pendingOf(id).size())
                                    .sum())
                    .as("some broadcasts survive the cancels")
                    .isPositive();
            assertVersionsOnlyIncrease(watcher);
        }
    }

    /** Rounds of creators and cancellers released together by a barrier. */
    private static void race(String bulletin, List<String> receivers, List<String> created) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CREATORS + CANCELLERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                CyclicBarrier start = new CyclicBarrier(CREATORS + CANCELLERS);
                List<Future<?>> work = new ArrayList<>();
                for (int c = 0; c < CREATORS; c++) {
                    Random random = new Random(round * 31L + c);
                    int slot = round * CREATORS + c;
                    work.add(pool.submit(() -> {
                        start.await();
                        created.add(create(bulletin, random, receivers, slot));
                        return null;
                    }));
                }
                List<String> earlier = List.copyOf(created);
                for (int c = 0; c < CANCELLERS; c++) {
                    Random random = new Random(round * 17L + c);
                    work.add(pool.submit(() -> {
                        start.await();
                        if (!earlier.isEmpty()) {
                            asAdmin()
                                    .post("/api/v1/broadcasts/" + earlier.get(random.nextInt(earlier.size()))
                                            + "/cancel")
                                    .then()
                                    .statusCode(200);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get(60, TimeUnit.SECONDS);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every fourth goes to the whole area (its topic), the others to three of the receivers (their own topics). */
    private static String create(String bulletin, Random random, List<String> receivers, int slot) {
        Map<String, Object> targets;
        if (slot % 4 == 0) {
            targets = Map.of("areas", List.of(AREA));
        } else {
            List<String> some = new ArrayList<>(receivers);
            java.util.Collections.shuffle(some, random);
            targets = Map.of("receivers", some.subList(0, 3));
        }
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).plusMinutes(slot);
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "bulletinId", bulletin, "startAt", at.toString(), "targets", targets, "allowOverlap", true))
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static long undispatched(List<String> broadcastIds) {
        long count = 0;
        for (String id : broadcastIds) {
            JsonPath view = asAdmin().get("/api/v1/broadcasts/" + id).jsonPath();
            if (view.getString("cancelledAt") == null
                    && view.getList("occurrences.dispatchedAt").contains(null)) {
                count++;
            }
        }
        return count;
    }

    /** The newest retained manifest of each topic, read by a fresh subscriber. */
    private static Map<String, Set<String>> retained(String url, Set<String> receiverTopics, String areaTopic)
            throws Exception {
        try (TestMqttClient reader = new TestMqttClient(url)) {
            List<String> all = new ArrayList<>(receiverTopics);
            all.add(areaTopic);
            for (String topic : all) {
                reader.subscribe(topic);
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> reader.received().stream()
                                    .map(TestMqttClient.Received::topic)
                                    .distinct()
                                    .count()
                            == all.size());
            Map<String, Set<String>> manifests = new HashMap<>();
            reader.received()
                    .forEach(r -> manifests.put(
                            r.topic(),
                            new TreeSet<>(JsonPath.from(r.text()).getList("entries.occurrenceId", String.class))));
            return manifests;
        }
    }

    private Set<String> pendingOf(String receiverId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> new TreeSet<>(em.createQuery("""
                select cast(o.id as string) from Delivery d join Occurrence o on o.id = d.occurrenceId
                where d.receiverId = :id and d.stateRank < :final and o.windowEnd > :now and o.groupArea is null
                """, String.class)
                        .setParameter("id", receiverId)
                        .setParameter("final", DeliveryState.FINAL_RANK)
                        .setParameter("now", OffsetDateTime.now())
                        .getResultList()));
    }

    private Set<String> pendingOfArea() {
        return QuarkusTransaction.requiringNew()
                .call(() -> new TreeSet<>(em.createQuery("""
                select cast(o.id as string) from Occurrence o
                where o.groupArea = :area and o.cancelledAt is null and o.windowEnd > :now
                """, String.class)
                        .setParameter("area", AREA)
                        .setParameter("now", OffsetDateTime.now())
                        .getResultList()));
    }

    private static void assertVersionsOnlyIncrease(TestMqttClient watcher) {
        Map<String, Long> last = new HashMap<>();
        int messages = 0;
        for (TestMqttClient.Received r : watcher.received()) {
            long version = JsonPath.from(r.text()).getLong("version");
            Long before = last.put(r.topic(), version);
            if (before != null) {
                assertThat(version)
                        .as("version after %d on %s", before, r.topic())
                        .isGreaterThan(before);
            }
            messages++;
        }
        assertThat(messages).as("manifests watched").isGreaterThan(ROUNDS * CREATORS);
    }
}
