package vn.loaxa.agent;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counts incoming messages that were dropped or ignored, per reason. Thread-safe. */
public final class MessageCounters {

    private final Map<DropReason, AtomicLong> dropped = new EnumMap<>(DropReason.class);
    private final AtomicLong staleManifests = new AtomicLong();
    private final AtomicLong acceptedManifests = new AtomicLong();

    public MessageCounters() {
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, new AtomicLong());
        }
    }

    void recordDrop(DropReason reason) {
        dropped.get(reason).incrementAndGet();
    }

    void recordStale() {
        staleManifests.incrementAndGet();
    }

    void recordAccepted() {
        acceptedManifests.incrementAndGet();
    }

    /** Messages dropped for this reason. */
    public long droppedFor(DropReason reason) {
        return dropped.get(reason).get();
    }

    /** Messages dropped for any reason. */
    public long droppedTotal() {
        return dropped.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Well-formed manifests ignored because their version was not newer than the one held. */
    public long staleManifests() {
        return staleManifests.get();
    }

    /** Manifests accepted and applied. */
    public long acceptedManifests() {
        return acceptedManifests.get();
    }
}
