package vn.loaxa.dispatch.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.loaxa.bulletin.model.Priority;
import vn.loaxa.delivery.model.DeliveryState;

class PriorityPlacementTest {
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-12-01T06:00:00+07:00");

    @Test
    void shouldShiftANormalItemToRightAfterAnOverlappingPriorityItem() {
        ManifestRow priority = row(Priority.PRIORITY, 0, 120, 600);
        ManifestRow normal = row(Priority.NORMAL, 60, 60, 600);

        List<PriorityPlacement.Placed> placed = PriorityPlacement.place(List.of(normal, priority));

        assertThat(placed).extracting(PriorityPlacement.Placed::row).containsExactly(priority, normal);
        assertThat(placed.get(1).playAt()).isEqualTo(T.plusSeconds(120));
        assertThat(placed.get(1).displacedBy()).isEqualTo(priority);
    }

    @Test
    void shouldDropANormalItemThatCannotStartBeforeItsLatestStart() {
        ManifestRow emergency = row(Priority.EMERGENCY, 0, 900, 600);
        ManifestRow normal = row(Priority.NORMAL, 30, 60, 300);

        PriorityPlacement.Placed placed = PriorityPlacement.place(List.of(normal, emergency)).stream()
                .filter(p -> p.row() == normal)
                .findFirst()
                .orElseThrow();

        assertThat(placed.dropped()).isTrue();
        assertThat(placed.displacedBy()).isEqualTo(emergency);
    }

    @Test
    void shouldShiftPastAChainOfPriorityItems() {
        ManifestRow first = row(Priority.PRIORITY, 0, 100, 600);
        ManifestRow second = row(Priority.PRIORITY, 100, 100, 600);
        ManifestRow normal = row(Priority.NORMAL, 50, 30, 600);

        PriorityPlacement.Placed placed =
                PriorityPlacement.place(List.of(normal, second, first)).get(2);

        assertThat(placed.row()).isEqualTo(normal);
        assertThat(placed.playAt()).isEqualTo(T.plusSeconds(200));
    }

    @Test
    void shouldLeaveNonOverlappingAndPlayingItemsAlone() {
        ManifestRow priority = row(Priority.PRIORITY, 0, 60, 600);
        ManifestRow later = row(Priority.NORMAL, 60, 60, 600);
        ManifestRow playing = new ManifestRow(
                "rx",
                UUID.randomUUID(),
                UUID.randomUUID(),
                "t",
                Priority.NORMAL,
                T.plusSeconds(10),
                T.plusSeconds(600),
                T.plusSeconds(900),
                UUID.randomUUID(),
                "s",
                60_000L,
                1L,
                DeliveryState.PLAYING.rank(),
                null);

        List<PriorityPlacement.Placed> placed = PriorityPlacement.place(List.of(priority, later, playing));

        assertThat(placed)
                .allSatisfy(p -> assertThat(p.playAt()).isEqualTo(p.row().playAt()));
    }

    private static ManifestRow row(Priority priority, int startSecond, int seconds, int latestStartSecond) {
        return new ManifestRow(
                "rx",
                UUID.randomUUID(),
                UUID.randomUUID(),
                priority + " item",
                priority,
                T.plusSeconds(startSecond),
                T.plusSeconds(latestStartSecond),
                T.plusSeconds(latestStartSecond + 900),
                UUID.randomUUID(),
                "sha",
                seconds * 1000L,
                1000L,
                DeliveryState.SCHEDULED.rank(),
                null);
    }
}
