package vn.loaxa.delivery.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.loaxa.common.db.DatabaseProduct;
import vn.loaxa.delivery.model.Delivery;
import vn.loaxa.delivery.model.DeliveryRepository;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.delivery.model.EventPartitions;
import vn.loaxa.schedule.model.Occurrence;
import vn.loaxa.schedule.model.OccurrenceRepository;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

/**
 * Receiver events of occurrences in several months: on PostgreSQL each lands in its month's partition (or the
 * default one, until its month gets a partition), duplicates are still stored once, and retention drops a month
 * older than it and keeps the rest; on H2 retention deletes the old rows.
 */
@QuarkusTest
class EventRetentionTest {
    private static final String RECEIVER = "retention-rx-1";

    @Inject
    DatabaseProduct database;

    @Inject
    EventIngestService ingest;

    @Inject
    EventRetention retention;

    @Inject
    OccurrenceRepository occurrences;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldStoreEventsInTheirMonthOnceAndDropOnlyMonthsOlderThanTheRetention() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // 20 months back is older than the default 400 days, 2 months back is not; 24 ahead is past the horizon
        YearMonth old = YearMonth.from(now.minusMonths(20));
        YearMonth recent = YearMonth.from(now.minusMonths(2));
        YearMonth far = YearMonth.from(now.plusMonths(24));
        UUID template = templateOccurrence();
        UUID oldOccurrence = occurrenceAt(template, EventPartitions.start(old).plusDays(10));
        UUID recentOccurrence =
                occurrenceAt(template, EventPartitions.start(recent).plusDays(3));
        UUID farOccurrence = occurrenceAt(template, EventPartitions.start(far).plusDays(1));
        boolean partitioned = database.postgres();
        if (partitioned) {
            // as the migration leaves months that already held events
            inTransaction(connection -> {
                EventPartitions.lock(connection);
                EventPartitions.create(connection, old);
                EventPartitions.create(connection, recent);
            });
        }

        for (UUID occurrence : List.of(oldOccurrence, recentOccurrence, farOccurrence)) {
            IncomingEvent played = played(occurrence);
            assertThat(ingest.ingestBatch(List.of(played, played)))
                    .containsExactly(EventIngestService.Outcome.APPLIED, EventIngestService.Outcome.DUPLICATE);
            assertThat(ingest.ingestBatch(List.of(played(occurrence))))
                    .containsExactly(EventIngestService.Outcome.DUPLICATE);
            assertThat(ingest.ingest(occurrence, RECEIVER, DeliveryState.PLAYED, now, null, UUID.randomUUID()))
                    .isEqualTo(EventIngestService.Outcome.DUPLICATE);
        }
        assertThat(storedIn(oldOccurrence, recentOccurrence, farOccurrence))
                .isEqualTo(
                        partitioned
                                ? Map.of(
                                        oldOccurrence, EventPartitions.name(old),
                                        recentOccurrence, EventPartitions.name(recent),
                                        farOccurrence, EventPartitions.DEFAULT_PARTITION)
                                : Map.of(
                                        oldOccurrence, "delivery_event",
                                        recentOccurrence, "delivery_event",
                                        farOccurrence, "delivery_event"));

        if (partitioned) {
            inTransaction(connection -> {
                EventPartitions.lock(connection);
                EventPartitions.create(connection, far);
            });
            assertThat(storedIn(farOccurrence)).containsEntry(farOccurrence, EventPartitions.name(far));
        }
        EventRetention.Pass pass = retention.pass(now);

        assertThat(storedIn(oldOccurrence, recentOccurrence, farOccurrence))
                .containsOnlyKeys(recentOccurrence, farOccurrence);
        if (partitioned) {
            assertThat(pass.dropped()).contains(old).doesNotContain(recent, far);
            inTransaction(connection -> assertThat(EventPartitions.months(connection))
                    .doesNotContain(old)
                    .contains(recent, YearMonth.from(now), YearMonth.from(now.plusMonths(3)), far));
        } else {
            assertThat(pass.deletedRows()).isGreaterThanOrEqualTo(1);
        }
    }

    private IncomingEvent played(UUID occurrence) {
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        return new IncomingEvent(UUID.randomUUID(), occurrence, RECEIVER, DeliveryState.PLAYED, at, null, at);
    }

    /** Where each occurrence's events are stored: the partition's name, or the table's on H2. */
    private Map<UUID, String> storedIn(UUID... occurrenceIds) throws SQLException {
        boolean partitioned = database.postgres();
        Map<UUID, String> where = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (UUID id : occurrenceIds) {
                String sql = partitioned
                        ? "select tableoid::regclass::text, count(*) from delivery_event where occurrence_id = ?"
                                + " group by 1"
                        : "select 'delivery_event', count(*) from delivery_event where occurrence_id = ? group by 1";
                try (PreparedStatement query = connection.prepareStatement(sql)) {
                    query.setObject(1, id);
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            assertThat(rows.getLong(2))
                                    .as("copies of one event")
                                    .isEqualTo(1);
                            assertThat(where.put(id, rows.getString(1)))
                                    .as("partitions holding one event")
                                    .isNull();
                        }
                    }
                }
            }
        }
        return where;
    }

    private UUID templateOccurrence() throws Exception {
        Fixtures.area("RETENTION", "COMMUNE", null);
        Fixtures.receiver(RECEIVER, "RETENTION", List.of("vie"));
        String mediaId = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("retention", ".wav"), 1.5, 440, 0.2), "Tin", "vie");
        String broadcastId = Fixtures.broadcast(
                Fixtures.bulletin(mediaId, "NORMAL"),
                List.of("RETENTION"),
                List.of(),
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(3));
        return QuarkusTransaction.requiringNew()
                .call(() ->
                        occurrences.ofBroadcast(UUID.fromString(broadcastId)).get(0).id);
    }

    private UUID occurrenceAt(UUID templateId, OffsetDateTime playAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Occurrence template = occurrences.findById(templateId);
            Occurrence occurrence = new Occurrence();
            occurrence.id = UUID.randomUUID();
            occurrence.broadcastId = template.broadcastId;
            occurrence.mediaId = template.mediaId;
            occurrence.playAt = playAt;
            occurrence.expiresAt = playAt.plusMinutes(5);
            occurrence.windowEnd = playAt.plusMinutes(30);
            occurrence.dispatchedAt = playAt;
            occurrences.persist(occurrence);
            deliveries.persist(Delivery.scheduled(occurrence.id, RECEIVER, playAt));
            return occurrence.id;
        });
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private void inTransaction(Work work) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection()) {
                work.run(connection);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
