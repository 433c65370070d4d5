package vn.loaxa.delivery.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.loaxa.delivery.model.Delivery;
import vn.loaxa.delivery.model.DeliveryRepository;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.delivery.service.EventIngestService.Outcome;
import vn.loaxa.schedule.model.Occurrence;
import vn.loaxa.schedule.model.OccurrenceRepository;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.ReceiverBulk;
import vn.loaxa.support.TestAudio;

/**
 * A receiver placed in an area after an area occurrence went out still has the entry (the retained area manifest),
 * so it must have a delivery: created when it is provisioned, or else by its first event; once, and only inside the
 * area's subtree.
 */
@QuarkusTest
class LateAreaDeliveriesTest {
    @Inject
    EventIngestService ingest;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    OccurrenceRepository occurrences;

    @Inject
    ReceiverBulk bulk;

    @Test
    void shouldRecordEventsOfAReceiverThatJoinedTheAreaAfterDispatch() throws Exception {
        Fixtures.area("LATE", "COMMUNE", null);
        Fixtures.area("LATE-V", "VILLAGE", "LATE");
        Fixtures.area("LATE-OUT", "COMMUNE", null);
        Fixtures.receiver("late-rx-0", "LATE", List.of("vie"));
        String mediaId = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("late", ".wav"), 1.5, 440, 0.2), "Tin", "vie");
        String broadcastId = Fixtures.broadcast(
                Fixtures.bulletin(mediaId, "NORMAL"),
                List.of("LATE"),
                List.of(),
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(3));
        Occurrence dispatched = await("dispatched on the area topic")
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> QuarkusTransaction.requiringNew()
                                .call(() -> occurrences
                                        .ofBroadcast(UUID.fromString(broadcastId))
                                        .get(0)),
                        o -> "LATE".equals(o.groupArea));
        UUID occurrence = dispatched.id;

        // provisioned below the area: its delivery is there before it reports anything
        Fixtures.receiver("late-rx-1", "LATE-V", List.of("vie"));
        assertThat(rows(occurrence))
                .filteredOn(d -> d.receiverId.equals("late-rx-1"))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.state).isEqualTo(DeliveryState.SCHEDULED);
                    assertThat(d.mediaId).isEqualTo(dispatched.groupMediaId).isNotNull();
                });
        // written without the provisioning event (as when provisioning raced the dispatch): its first event creates it
        bulk.create("LATE", "late-bulk", 1);
        Fixtures.receiver("late-out", "LATE-OUT", List.of("vie"));
        assertThat(ingest.ingestBatch(List.of(
                        event(occurrence, "late-bulk-00000", DeliveryState.DELIVERED),
                        event(occurrence, "late-out", DeliveryState.DELIVERED),
                        event(occurrence, "late-rx-1", DeliveryState.PLAYING))))
                .containsExactly(Outcome.APPLIED, Outcome.UNKNOWN_DELIVERY, Outcome.APPLIED);
        assertThat(ingest.ingestBatch(List.of(
                        event(occurrence, "late-bulk-00000", DeliveryState.PLAYING),
                        event(occurrence, "late-bulk-00000", DeliveryState.DELIVERED))))
                .containsExactly(Outcome.APPLIED, Outcome.DUPLICATE);
        bulk.create("LATE", "late-one", 1);
        assertThat(ingest.ingest(
                        occurrence,
                        "late-one-00000",
                        DeliveryState.PLAYED,
                        OffsetDateTime.now(),
                        null,
                        UUID.randomUUID()))
                .isEqualTo(Outcome.APPLIED);

        List<Delivery> rows = rows(occurrence);
        assertThat(rows)
                .extracting(d -> d.receiverId)
                .containsExactly("late-bulk-00000", "late-one-00000", "late-rx-0", "late-rx-1");
        assertThat(rows)
                .filteredOn(d -> d.receiverId.equals("late-bulk-00000"))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.state).isEqualTo(DeliveryState.PLAYING);
                    assertThat(d.mediaId).isEqualTo(dispatched.groupMediaId);
                });
        assertThat(rows)
                .filteredOn(d -> d.receiverId.equals("late-one-00000"))
                .singleElement()
                .satisfies(d -> assertThat(d.state).isEqualTo(DeliveryState.PLAYED));

        // a cancelled occurrence takes no new receivers, neither when provisioned nor by an event
        asAdmin().post("/api/v1/broadcasts/" + broadcastId + "/cancel").then().statusCode(200);
        Fixtures.receiver("late-rx-3", "LATE", List.of("vie"));
        assertThat(ingest.ingestBatch(List.of(event(occurrence, "late-rx-3", DeliveryState.DELIVERED))))
                .containsExactly(Outcome.UNKNOWN_DELIVERY);
        assertThat(rows(occurrence)).extracting(d -> d.receiverId).doesNotContain("late-rx-3");
    }

    private List<Delivery> rows(UUID occurrence) {
        return QuarkusTransaction.requiringNew().call(() -> deliveries.ofOccurrences(List.of(occurrence)));
    }

    private static IncomingEvent event(UUID occurrence, String receiverId, DeliveryState state) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new IncomingEvent(UUID.randomUUID(), occurrence, receiverId, state, now, null, now);
    }
}
