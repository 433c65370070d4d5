package vn.loaxa.agent.live;

import java.util.concurrent.atomic.AtomicLong;
import vn.loaxa.agent.protocol.LiveReport;

/** The counts of one live session on this receiver, kept across interruptions. Thread-safe. */
public final class LiveStats {

    private final AtomicLong played = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong joins = new AtomicLong();

    void played() {
        played.incrementAndGet();
    }

    void late() {
        late.incrementAndGet();
    }

    void lost() {
        lost.incrementAndGet();
    }

    void joined() {
        joins.incrementAndGet();
    }

    /** Adds the counts of an earlier run of the same session on this receiver, before the agent restarted. */
    public void carry(LiveReport earlier) {
        played.addAndGet(earlier.framesPlayed());
        late.addAndGet(earlier.framesLate());
        lost.addAndGet(earlier.framesLost());
        joins.addAndGet(earlier.joins());
    }

    /** The times playing (re)started: 0 if no frame ever played. */
    public long joins() {
        return joins.get();
    }

    /** The counts as reported with the session's PLAYED event. */
    public LiveReport report() {
        return new LiveReport(played.get(), late.get(), lost.get(), joins.get());
    }
}
