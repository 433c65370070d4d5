package vn.loaxa.delivery.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loaxa.delivery.model.Delivery;
import vn.loaxa.delivery.model.DeliveryEventRepository;
import vn.loaxa.delivery.model.DeliveryRepository;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.delivery.model.LiveCounts;
import vn.loaxa.schedule.model.Occurrence;
import vn.loaxa.schedule.model.OccurrenceRepository;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

/**
 * Batched ingestion ends exactly where one-by-one application of the same events would, whatever the order, the
 * duplicates and where the batch boundaries fall, late reports that overturn MISSED included.
 */
@QuarkusTest
class BatchedIngestTest {
    private static final AtomicLong COPIES = new AtomicLong();
    private static final List<String> RECEIVERS = List.of("batch-rx-1", "batch-rx-2", "batch-rx-3", "batch-rx-4");
    private static final List<DeliveryState> EVENTS = List.of(
            DeliveryState.DELIVERED,
            DeliveryState.DOWNLOADED,
            DeliveryState.PLAYING,
            DeliveryState.PLAYED,
            DeliveryState.FAILED,
            DeliveryState.PREEMPTED,
            DeliveryState.MISSED);
    /** Swept MISSED before any event: its PLAYING and PLAYED overturn it when they lie inside the window. */
    private static final String SWEPT = "batch-rx-4";

    private static Occurrence template;

    @Inject
    EventIngestService ingest;

    @Inject
    EventBatcher batcher;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    DeliveryEventRepository events;

    @Inject
    OccurrenceRepository occurrences;

    @Inject
    MeterRegistry registry;

    @Inject
    IngestConfig config;

    @BeforeEach
    void seedOnce() throws Exception {
        if (template != null) {
            return;
        }
        Fixtures.area("BATCH", "COMMUNE", null);
        RECEIVERS.forEach(rx -> Fixtures.receiver(rx, "BATCH", List.of("vie")));
        String mediaId = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("batch", ".wav"), 1.5, 440, 0.2), "Tin", "vie");
        String broadcastId = Fixtures.broadcast(
                Fixtures.bulletin(mediaId, "NORMAL"),
                List.of("BATCH"),
                List.of(),
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(3));
        template = QuarkusTransaction.requiringNew()
                .call(() ->
                        occurrences.ofBroadcast(UUID.fromString(broadcastId)).get(0));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2026, 31337})
    void shouldEndWhereOneByOneApplicationEndsWhateverTheOrderDuplicatesAndBatchBoundaries(long seed) {
        Random random = new Random(seed);
        double replayedBefore =
                registry.counter(EventIngestService.REPLAYED_METER).count();
        double overturnedBefore =
                registry.counter(EventIngestService.OVERTURNED_METER).count();
        long overturns = 0;
        for (int trial = 0; trial < 8; trial++) {
            OffsetDateTime t0 = now();
            // events fall between t0 and t0 + 70 s; the window opens before them, among them, or after them
            OffsetDateTime playAt = t0.plusSeconds(List.of(-60, 35, 3 * 3600).get(trial % 3));
            UUID occurrenceId = freshOccurrenceWithDeliveries(playAt, true);
            List<IncomingEvent> stream = randomEvents(random, occurrenceId, t0);

            Map<String, Delivery> expected = applyOneByOne(occurrenceId, stream, playAt, true);
            overturns += expected.values().stream()
                    .filter(d -> d.reportedLateAt != null)
                    .count();
            List<EventIngestService.Outcome> outcomes = new ArrayList<>();
            if (trial % 4 == 3) {
                // the one-by-one path (the replay of a collided batch) ends in the same place
                stream.forEach(e -> outcomes.add(
                        ingest.ingest(e.occurrenceId(), e.receiverId(), e.event(), e.at(), e.reason(), e.eventId())));
            } else {
                for (List<IncomingEvent> batch : randomBatches(random, stream)) {
                    outcomes.addAll(ingest.ingestBatch(batch));
                }
            }

            long distinct = stream.stream().map(IncomingEvent::key).distinct().count();
            assertThat(outcomes)
                    .filteredOn(o -> o == EventIngestService.Outcome.APPLIED)
                    .hasSize((int) distinct);
            assertThat(events.count("occurrenceId", occurrenceId)).isEqualTo(distinct);
            QuarkusTransaction.requiringNew().run(() -> {
                for (Delivery actual : deliveries.list("occurrenceId", occurrenceId)) {
                    Delivery model = expected.get(actual.receiverId);
                    assertThat(actual.state)
                            .as("seed %d, %s", seed, actual.receiverId)
                            .isEqualTo(model.state);
                    assertThat(actual.reason).isEqualTo(model.reason);
                    assertSameInstant(actual.deliveredAt, model.deliveredAt);
                    assertSameInstant(actual.downloadedAt, model.downloadedAt);
                    assertSameInstant(actual.startedAt, model.startedAt);
                    assertSameInstant(actual.finishedAt, model.finishedAt);
                    assertThat(actual.reportedLateAt == null)
                            .as("reported late")
                            .isEqualTo(model.reportedLateAt == null);
                }
            });
        }
        // one writer, no collisions: every batch took the batched path, not the one-by-one replay
        assertThat(registry.counter(EventIngestService.REPLAYED_METER).count()).isEqualTo(replayedBefore);
        // each overturned delivery counted (a delivery overturned twice in one model counts at least once)
        assertThat(overturns)
                .as("late reports that overturned MISSED in the model")
                .isPositive();
        assertThat(registry.counter(EventIngestService.OVERTURNED_METER).count() - overturnedBefore)
                .isGreaterThanOrEqualTo(overturns);
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 55})
    void shouldReportUnknownDeliveriesThroughTheBatcherAndStoreTheRest(long seed) {
        Random random = new Random(seed);
        UUID occurrenceId = freshOccurrenceWithDeliveries();
        List<IncomingEvent> stream = randomEvents(random, occurrenceId, now());
        IncomingEvent stranger = new IncomingEvent(
                UUID.randomUUID(), UUID.randomUUID(), RECEIVERS.get(0), DeliveryState.PLAYED, now(), null, now());
        Set<UUID> unknown = Collections.synchronizedSet(new HashSet<>());

        EventBatcher.Settlement collectUnknown = (event, outcome) -> {
            if (outcome == EventIngestService.Outcome.UNKNOWN_DELIVERY) {
                unknown.add(event.occurrenceId());
            }
        };
        stream.forEach(e -> batcher.submit(e, collectUnknown));
        batcher.submit(stranger, collectUnknown);

        Map<String, Delivery> expected = applyOneByOne(occurrenceId, stream, template.playAt, false);
        await().atMost(Duration.ofSeconds(20)).until(() -> unknown.contains(stranger.occurrenceId()));
        assertThat(unknown).containsExactly(stranger.occurrenceId());
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> QuarkusTransaction.requiringNew()
                        .run(() -> deliveries
                                .list("occurrenceId", occurrenceId)
                                .forEach(actual ->
                                        assertThat(actual.state).isEqualTo(expected.get(actual.receiverId).state))));
    }

    @Test
    void shouldTakeEventIdsFromTheSameSequenceAsTheEntityGeneratorWithoutCollisions() {
        // the one-by-one path (the replay after a collision) persists entities; batches assign ids themselves
        List<EventIngestService.Outcome> outcomes = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            UUID occurrenceId = freshOccurrenceWithDeliveries();
            List<IncomingEvent> all = new ArrayList<>();
            for (String rx : RECEIVERS) {
                for (DeliveryState event : EVENTS) {
                    all.add(new IncomingEvent(UUID.randomUUID(), occurrenceId, rx, event, now(), null, now()));
                }
            }
            for (int i = 0; i + 1 < all.size(); i += 2) {
                IncomingEvent one = all.get(i);
                outcomes.add(ingest.ingest(
                        one.occurrenceId(), one.receiverId(), one.event(), one.at(), one.reason(), one.eventId()));
                outcomes.addAll(ingest.ingestBatch(List.of(all.get(i + 1))));
            }
        }
        assertThat(outcomes)
                .hasSize(3 * RECEIVERS.size() * EVENTS.size())
                .containsOnly(EventIngestService.Outcome.APPLIED);
    }

    @Test
    void shouldHoldTheLiveCountsOfAPlayedWhenItsSettlementRuns() {
        // the receiver is acknowledged at settlement: the counts must be stored by then, with the event
        UUID occurrenceId = freshOccurrenceWithDeliveries();
        Map<String, LiveCounts> reported = new HashMap<>();
        for (int i = 0; i < RECEIVERS.size(); i++) {
            reported.put(RECEIVERS.get(i), new LiveCounts(500 - i, i, 2L * i, 1 + i));
        }
        Map<String, Optional<LiveCounts>> seenAtSettlement = new ConcurrentHashMap<>();
        RECEIVERS.forEach(rx -> batcher.submit(
                played(occurrenceId, rx, reported.get(rx)),
                (event, outcome) ->
                        seenAtSettlement.put(event.receiverId(), Optional.ofNullable(storedCounts(occurrenceId, rx)))));

        await().atMost(Duration.ofSeconds(20)).until(() -> seenAtSettlement.size() == RECEIVERS.size());
        RECEIVERS.forEach(rx -> assertThat(seenAtSettlement.get(rx)).as(rx).contains(reported.get(rx)));
    }

    @Test
    void shouldStoreLiveCountsOnTheOneByOnePathAndAgainWithARepeat() {
        UUID occurrenceId = freshOccurrenceWithDeliveries();
        String rx = RECEIVERS.get(0);
        IncomingEvent played = played(occurrenceId, rx, new LiveCounts(498, 2, 0, 1));

        assertThat(ingest.ingest(played)).isEqualTo(EventIngestService.Outcome.APPLIED);
        assertThat(storedCounts(occurrenceId, rx)).isEqualTo(played.live());

        IncomingEvent repeat = played(occurrenceId, rx, new LiveCounts(-5, 2, 0, 1));
        assertThat(ingest.ingestBatch(List.of(repeat))).containsExactly(EventIngestService.Outcome.DUPLICATE);
        assertThat(storedCounts(occurrenceId, rx))
                .as("a faulty agent's negative count is kept as 0")
                .isEqualTo(new LiveCounts(0, 2, 0, 1));
    }

    @Test
    void shouldKeepLiveCountsOnlyFromAPlayed() {
        // a faulty or forged agent that sends counts with another event must not set the session's figures
        UUID occurrenceId = freshOccurrenceWithDeliveries();
        String batched = RECEIVERS.get(0);
        String oneByOne = RECEIVERS.get(1);
        LiveCounts bogus = new LiveCounts(9_999, 0, 0, 1);

        assertThat(ingest.ingestBatch(List.of(new IncomingEvent(
                        UUID.randomUUID(), occurrenceId, batched, DeliveryState.PLAYING, now(), null, now(), bogus))))
                .containsExactly(EventIngestService.Outcome.APPLIED);
        assertThat(ingest.ingest(new IncomingEvent(
                        UUID.randomUUID(), occurrenceId, oneByOne, DeliveryState.FAILED, now(), "x", now(), bogus)))
                .isEqualTo(EventIngestService.Outcome.APPLIED);

        assertThat(storedCounts(occurrenceId, batched)).isNull();
        assertThat(storedCounts(occurrenceId, oneByOne)).isNull();
    }

    @Test
    void shouldKeepWhenTheServerGotTheEventOnBothPaths() {
        // an event waits in the batcher before it is stored: its receipt is when it came, not when it was written
        UUID occurrenceId = freshOccurrenceWithDeliveries();
        OffsetDateTime cameAt = now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        ingest.ingest(new IncomingEvent(
                UUID.randomUUID(), occurrenceId, RECEIVERS.get(0), DeliveryState.DELIVERED, now(), null, cameAt));
        ingest.ingestBatch(List.of(new IncomingEvent(
                UUID.randomUUID(), occurrenceId, RECEIVERS.get(1), DeliveryState.DELIVERED, now(), null, cameAt)));

        for (String rx : RECEIVERS.subList(0, 2)) {
            OffsetDateTime stored = QuarkusTransaction.requiringNew()
                    .call(() -> events.find("occurrenceId = ?1 and receiverId = ?2", occurrenceId, rx)
                            .singleResult()
                            .receivedAt);
            assertThat(stored).as(rx).isAtSameInstantAs(cameAt);
        }
    }

    private static IncomingEvent played(UUID occurrenceId, String receiverId, LiveCounts counts) {
        return new IncomingEvent(
                UUID.randomUUID(), occurrenceId, receiverId, DeliveryState.PLAYED, now(), null, now(), counts);
    }

    private LiveCounts storedCounts(UUID occurrenceId, String receiverId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Delivery d = deliveries
                    .find("occurrenceId = ?1 and receiverId = ?2", occurrenceId, receiverId)
                    .singleResult();
            return d.liveFramesPlayed == null
                    ? null
                    : new LiveCounts(d.liveFramesPlayed, d.liveFramesLate, d.liveFramesLost, d.liveJoins);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 21})
    void shouldStoreReasonsVerbatimInSmallAndLargeBatches(int occurrenceCount) {
        // 21 occurrences make one batch of 504 events: large enough for COPY on PostgreSQL
        String tricky = "Lỗi \"tải về\", 50%\nthử lại \\N \\ ,\"\" ";
        List<IncomingEvent> batch = new ArrayList<>();
        List<UUID> occurrenceIds = new ArrayList<>();
        for (int o = 0; o < occurrenceCount; o++) {
            UUID occurrenceId = freshOccurrenceWithDeliveries();
            occurrenceIds.add(occurrenceId);
            for (String rx : RECEIVERS) {
                for (DeliveryState event : List.of(
                        DeliveryState.FAILED,
                        DeliveryState.DELIVERED,
                        DeliveryState.DOWNLOADED,
                        DeliveryState.PLAYING,
                        DeliveryState.PLAYED,
                        DeliveryState.PREEMPTED)) {
                    batch.add(new IncomingEvent(
                            UUID.randomUUID(), occurrenceId, rx, event, now(), tricky + rx + "/" + event, now()));
                }
            }
        }

        assertThat(ingest.ingestBatch(batch)).hasSize(batch.size()).containsOnly(EventIngestService.Outcome.APPLIED);

        QuarkusTransaction.requiringNew().run(() -> {
            for (UUID occurrenceId : occurrenceIds) {
                assertThat(events.list("occurrenceId", occurrenceId))
                        .hasSize(RECEIVERS.size() * 6)
                        .allSatisfy(e -> assertThat(e.reason).isEqualTo(tricky + e.receiverId + "/" + e.event));
                assertThat(deliveries.list("occurrenceId", occurrenceId)).allSatisfy(d -> {
                    assertThat(d.state).isEqualTo(DeliveryState.FAILED);
                    assertThat(d.reason).isEqualTo(tricky + d.receiverId + "/FAILED");
                });
            }
        });
    }

    private UUID freshOccurrenceWithDeliveries() {
        return freshOccurrenceWithDeliveries(template.playAt.plusSeconds(COPIES.incrementAndGet()), false);
    }

    /** A copy of the template occurrence (its window ends hours from now), {@link #SWEPT}'s delivery MISSED if asked. */
    private UUID freshOccurrenceWithDeliveries(OffsetDateTime playAt, boolean swept) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Occurrence occurrence = new Occurrence();
            occurrence.id = UUID.randomUUID();
            occurrence.broadcastId = template.broadcastId;
            occurrence.mediaId = template.mediaId;
            // one instance per play time: the copies are later instances of the same broadcast
            occurrence.playAt = playAt.plusNanos(COPIES.incrementAndGet() * 1000);
            occurrence.expiresAt = template.expiresAt;
            occurrence.windowEnd = template.windowEnd;
            occurrence.dispatchedAt = template.dispatchedAt;
            occurrences.persist(occurrence);
            RECEIVERS.forEach(rx -> deliveries.persist(scheduled(occurrence.id, rx, swept)));
            return occurrence.id;
        });
    }

    private static Delivery scheduled(UUID occurrenceId, String receiverId, boolean swept) {
        Delivery delivery = Delivery.scheduled(occurrenceId, receiverId, now());
        if (swept && receiverId.equals(SWEPT)) {
            delivery.close(DeliveryState.MISSED, "no confirmation from the receiver", now());
            delivery.finishedAt = null; // as the sweep leaves it
        }
        return delivery;
    }

    /** Every receiver reports a random selection of events, some of them twice with a later time. */
    private static List<IncomingEvent> randomEvents(Random random, UUID occurrenceId, OffsetDateTime t0) {
        List<IncomingEvent> stream = new ArrayList<>();
        for (String rx : RECEIVERS) {
            for (DeliveryState event : EVENTS) {
                if (random.nextInt(4) == 0) {
                    continue;
                }
                int copies = 1 + random.nextInt(3);
                for (int copy = 0; copy < copies; copy++) {
                    OffsetDateTime at = t0.plusSeconds(event.ordinal() * 10L + copy);
                    String reason = event.isFinal() && event != DeliveryState.PLAYED ? event + " #" + copy : null;
                    stream.add(new IncomingEvent(UUID.randomUUID(), occurrenceId, rx, event, at, reason, t0));
                }
            }
        }
        Collections.shuffle(stream, random);
        return stream;
    }

    private static List<List<IncomingEvent>> randomBatches(Random random, List<IncomingEvent> stream) {
        List<List<IncomingEvent>> batches = new ArrayList<>();
        for (int from = 0; from < stream.size(); ) {
            int to = Math.min(stream.size(), from + 1 + random.nextInt(8));
            batches.add(stream.subList(from, to));
            from = to;
        }
        return batches;
    }

    /** The model: each distinct event applied once, in arrival order, to an in-memory delivery. */
    private Map<String, Delivery> applyOneByOne(
            UUID occurrenceId, List<IncomingEvent> stream, OffsetDateTime playAt, boolean swept) {
        Map<String, Delivery> model = new HashMap<>();
        RECEIVERS.forEach(rx -> model.put(rx, scheduled(occurrenceId, rx, swept)));
        Set<IncomingEvent.Key> seen = new HashSet<>();
        for (IncomingEvent e : stream) {
            if (seen.add(e.key())) {
                boolean inWindow = e.event().overturnsMissed()
                        && !e.at().isBefore(playAt.minus(config.earlyTolerance()))
                        && !e.at().isAfter(template.windowEnd);
                model.get(e.receiverId()).apply(e.event(), e.at(), e.reason(), inWindow, now());
            }
        }
        return model;
    }

    private static void assertSameInstant(OffsetDateTime actual, OffsetDateTime expected) {
        if (expected == null) {
            assertThat(actual).isNull();
        } else {
            assertThat(actual.toInstant()).isEqualTo(expected.toInstant());
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
