package vn.loaxa.dispatch.mqtt;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Event ids stored but not yet acknowledged, gathered per receiver: the batches that commit while an acknowledgement
 * is being signed and sent join the receiver's next one, so a busy server signs one message per receiver instead of
 * one per receiver and batch. Bounded: past {@code capacity} ids, the receivers waiting longest give way (their
 * events come again, and the idempotent ingest absorbs them).
 */
final class PendingAcknowledgements {
    private final int capacity;
    private Map<String, Set<UUID>> byReceiver = new LinkedHashMap<>();
    private int size;
    private long discarded;

    PendingAcknowledgements(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(String receiverId, UUID eventId) {
        if (byReceiver.computeIfAbsent(receiverId, rx -> new LinkedHashSet<>()).add(eventId)) {
            size++;
        }
        Iterator<Set<UUID>> oldest = byReceiver.values().iterator();
        while (size > capacity && oldest.hasNext()) {
            int dropped = oldest.next().size();
            oldest.remove();
            size -= dropped;
            discarded += dropped;
        }
    }

    /** Everything gathered so far, by receiver in the order they first waited; empties the gathering. */
    synchronized Map<String, Set<UUID>> takeAll() {
        Map<String, Set<UUID>> taken = byReceiver;
        byReceiver = new LinkedHashMap<>();
        size = 0;
        return taken;
    }

    synchronized int size() {
        return size;
    }

    /** Ids given up, over the whole life of this gathering, because it was full. */
    synchronized long discarded() {
        return discarded;
    }
}
