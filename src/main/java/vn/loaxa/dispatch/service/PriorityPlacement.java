package vn.loaxa.dispatch.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vn.loaxa.bulletin.model.Priority;
import vn.loaxa.delivery.model.DeliveryState;

/**
 * The documented rule for one receiver's schedule: PRIORITY and EMERGENCY items keep their times; a NORMAL item
 * that would overlap one of them is shifted to start right after it, and dropped (PREEMPTED) when that start would
 * be later than the NORMAL item's own latest start. An item already playing is left alone (the agent pre-empts it by
 * priority). Pure, so it is tested directly.
 */
public final class PriorityPlacement {

    /** Where a row ends up: at {@code playAt} (possibly shifted), or dropped because of {@code displacedBy}. */
    public record Placed(ManifestRow row, OffsetDateTime playAt, ManifestRow displacedBy) {
        public boolean dropped() {
            return displacedBy != null && playAt == null;
        }
    }

    private PriorityPlacement() {}

    public static List<Placed> place(List<ManifestRow> rows) {
        List<ManifestRow> blocking = rows.stream()
                .filter(r -> r.priority() != Priority.NORMAL)
                .sorted(Comparator.comparing(ManifestRow::playAt))
                .toList();
        List<Placed> placed = new ArrayList<>();
        for (ManifestRow row : rows) {
            if (row.priority() != Priority.NORMAL || row.stateRank() >= DeliveryState.PLAYING.rank()) {
                placed.add(new Placed(row, row.playAt(), null));
                continue;
            }
            OffsetDateTime start = row.playAt();
            ManifestRow cause = null;
            boolean moved = true;
            while (moved) {
                moved = false;
                for (ManifestRow block : blocking) {
                    OffsetDateTime blockEnd = end(block, block.playAt());
                    if (start.isBefore(blockEnd) && block.playAt().isBefore(end(row, start))) {
                        start = blockEnd;
                        cause = block;
                        moved = true;
                    }
                }
            }
            placed.add(start.isAfter(row.expiresAt()) ? new Placed(row, null, cause) : new Placed(row, start, cause));
        }
        placed.sort(Comparator.comparing(p -> p.playAt() == null ? p.row().playAt() : p.playAt()));
        return placed;
    }

    private static OffsetDateTime end(ManifestRow row, OffsetDateTime start) {
        return start.plus(Duration.ofMillis(row.durationMs() == null ? 0 : row.durationMs()));
    }
}
