package vn.loaxa.delivery.model;

import java.sql.SQLException;
import java.util.ArrayDeque;

/**
 * Hands out {@code delivery_event} ids from blocks of {@code delivery_event_seq} exactly as the entity's generator
 * does, so that both can run side by side: Quarkus's default optimizer is pooled-lo, which takes each sequence value
 * as the first id of a block of {@value #ALLOCATION}. Blocks are fetched several at a time and kept for later
 * batches, so that most batches need no round trip for their ids; ids left at shutdown are a gap, nothing more.
 */
final class EventIds {
    /** The sequence's INCREMENT BY, shared with {@link DeliveryEvent}'s generator. */
    static final int ALLOCATION = 50;

    /** Fetches {@code count} values of the sequence, each the start of a block. */
    @FunctionalInterface
    interface Fetch {
        long[] blockStarts(int count) throws SQLException;
    }

    private final int prefetchBlocks;
    private final ArrayDeque<Long> starts = new ArrayDeque<>();
    private long next = 0;
    private long end = 0;

    EventIds(int prefetchBlocks) {
        this.prefetchBlocks = prefetchBlocks;
    }

    synchronized long[] take(int count, Fetch fetch) throws SQLException {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            if (next >= end) {
                if (starts.isEmpty()) {
                    int needed = (count - i + ALLOCATION - 1) / ALLOCATION;
                    for (long start : fetch.blockStarts(Math.max(prefetchBlocks, needed))) {
                        starts.add(start);
                    }
                }
                next = starts.poll();
                end = next + ALLOCATION;
            }
            ids[i] = next++;
        }
        return ids;
    }
}
