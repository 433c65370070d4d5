package vn.loaxa.dispatch.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.loaxa.delivery.model.DeliveryRepository;
import vn.loaxa.schedule.model.Occurrence;
import vn.loaxa.schedule.model.OccurrenceRepository;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;

/** Which occurrences travel on the area topic, and which must move to the receivers' own manifests. */
@QuarkusTest
class AreaGroupDispatchTest {
    @Inject
    OccurrenceRepository occurrences;

    @Inject
    DeliveryRepository deliveries;

    @Test
    void shouldMoveOccurrencesThatOverlapAcrossTheNormalLineToTheReceiversOwnManifests() throws Exception {
        Fixtures.area("AGD", "COMMUNE", null);
        Fixtures.receiver("agd-rx-1", "AGD", List.of("vie"));
        Fixtures.receiver("agd-rx-2", "AGD", List.of("vie"));
        String media = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("agd", ".wav"), 1.5, 440, 0.2), "Tin", "vie");
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).plusHours(2).truncatedTo(ChronoUnit.SECONDS);
        String normal = Fixtures.broadcast(Fixtures.bulletin(media, "NORMAL"), List.of("AGD"), List.of(), at);
        String later =
                Fixtures.broadcast(Fixtures.bulletin(media, "NORMAL"), List.of("AGD"), List.of(), at.plusHours(3));
        assertThat(dispatched(normal).groupArea).isEqualTo("AGD");
        assertThat(dispatched(later).groupArea).isEqualTo("AGD");

        String priority = Fixtures.broadcast(Fixtures.bulletin(media, "PRIORITY"), List.of("AGD"), List.of(), at);

        Occurrence first = dispatched(priority);
        assertThat(first.groupArea).as("the PRIORITY one travels per receiver").isNull();
        assertThat(occurrence(normal).groupArea)
                .as("the NORMAL one it overlaps moved too")
                .isNull();
        assertThat(occurrence(later).groupArea)
                .as("the one it does not overlap stays")
                .isEqualTo("AGD");
        assertThat(QuarkusTransaction.requiringNew().call(() -> deliveries.receiverIdsOf(first.id)))
                .containsExactlyInAnyOrder("agd-rx-1", "agd-rx-2");
    }

    private Occurrence dispatched(String broadcastId) {
        return await("dispatched")
                .atMost(Duration.ofSeconds(20))
                .until(() -> occurrence(broadcastId), o -> o.dispatchedAt != null);
    }

    private Occurrence occurrence(String broadcastId) {
        return QuarkusTransaction.requiringNew()
                .call(() ->
                        occurrences.ofBroadcast(UUID.fromString(broadcastId)).get(0));
    }
}
