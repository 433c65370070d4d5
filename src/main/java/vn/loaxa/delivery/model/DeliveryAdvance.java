package vn.loaxa.delivery.model;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run of new events does to one delivery, folded without knowing the delivery's current state, so that one
 * set-based statement can apply it: {@link Delivery#apply} for each event in turn ends exactly where
 * {@link #applyTo} ends. The events are replayed through {@link Delivery#apply} itself, from the two starts that
 * can differ: a delivery not yet final (the state goes to the first event of the highest rank, if that rank is above
 * the current one; each time column keeps its first value) and a MISSED one (which a PLAYING or PLAYED from inside
 * the window overturns). Any other final state only takes the first time of each kind.
 */
public final class DeliveryAdvance {
    private record Event(DeliveryState event, OffsetDateTime at, String reason, boolean inWindow) {}

    /** Where a replay of the events ended, and whether a late report overturned MISSED on the way. */
    private record Replay(Delivery end, boolean overturned) {}

    private final long deliveryId;
    private final List<Event> events = new ArrayList<>(4);
    private Replay fromOpen;
    private Replay fromMissed;

    public DeliveryAdvance(long deliveryId) {
        this.deliveryId = deliveryId;
    }

    /** Adds the next event, in arrival order; {@code inWindow}: it happened inside its occurrence's window. */
    public void add(DeliveryState event, OffsetDateTime at, String failureReason, boolean inWindow) {
        events.add(new Event(event, at, failureReason, inWindow));
        fromOpen = null;
        fromMissed = null;
    }

    /** The in-memory equivalent of the SQL that the stores run; the tests hold the two against each other. */
    public void applyTo(Delivery delivery, OffsetDateTime now) {
        Delivery open = fromOpen().end();
        Delivery missed = fromMissed().end();
        if (lateFromOpen() && delivery.stateRank < DeliveryState.FINAL_RANK) {
            delivery.state = open.state;
            delivery.stateRank = open.stateRank;
            delivery.reason = open.reason;
            delivery.finishedAt = open.finishedAt;
            delivery.reportedLateAt = now;
        } else if (state().rank() > delivery.stateRank) {
            if (state().carriesReason()) {
                delivery.reason = reason();
            }
            delivery.state = state();
            delivery.stateRank = state().rank();
            delivery.finishedAt = delivery.finishedAt == null ? finishedAt() : delivery.finishedAt;
        } else if (delivery.state == DeliveryState.MISSED && missedState() != null) {
            delivery.state = missed.state;
            delivery.stateRank = missed.stateRank;
            delivery.reason = missed.reason;
            delivery.finishedAt = missed.finishedAt;
            delivery.reportedLateAt = now;
        } else {
            delivery.finishedAt = delivery.finishedAt == null ? finishedAt() : delivery.finishedAt;
        }
        delivery.deliveredAt = delivery.deliveredAt == null ? deliveredAt() : delivery.deliveredAt;
        delivery.downloadedAt = delivery.downloadedAt == null ? downloadedAt() : delivery.downloadedAt;
        delivery.startedAt = delivery.startedAt == null ? startedAt() : delivery.startedAt;
        delivery.updatedAt = now;
    }

    /** The events replayed on a delivery that has not reached a final state. */
    private Replay fromOpen() {
        if (fromOpen == null) {
            fromOpen = replay(false);
        }
        return fromOpen;
    }

    /** The events replayed on a MISSED delivery; only its state, reason and end time are read. */
    private Replay fromMissed() {
        if (fromMissed == null) {
            fromMissed = replay(true);
        }
        return fromMissed;
    }

    private Replay replay(boolean missed) {
        Delivery scratch = Delivery.scheduled(null, null, null);
        if (missed) {
            scratch.state = DeliveryState.MISSED;
            scratch.stateRank = DeliveryState.FINAL_RANK;
        }
        boolean overturned = false;
        for (Event e : events) {
            overturned |=
                    scratch.apply(e.event(), e.at(), e.reason(), e.inWindow(), null) == Delivery.Change.OVERTURNED;
        }
        return new Replay(scratch, overturned);
    }

    public long deliveryId() {
        return deliveryId;
    }

    /** The state an open delivery ends in, if it moves (always, when {@link #lateFromOpen()}). */
    public DeliveryState state() {
        return fromOpen().end().state;
    }

    /**
     * Whether an open delivery reaches MISSED (the receiver's own report) and then has it overturned within these
     * events; it then takes {@link #state()}, {@link #reason()} and {@link #lateFinishedAt()} as they are.
     */
    public boolean lateFromOpen() {
        return fromOpen().overturned();
    }

    /** The reason to store if the state moves, and only then; null when the state carries none. */
    public String reason() {
        return lateFromOpen() || state().carriesReason() ? fromOpen().end().reason : null;
    }

    /** The end time an open delivery takes when {@link #lateFromOpen()}. */
    public OffsetDateTime lateFinishedAt() {
        return lateFromOpen() ? fromOpen().end().finishedAt : null;
    }

    /** The state a MISSED delivery is overturned to, or null if these events leave it MISSED. */
    public DeliveryState missedState() {
        return fromMissed().overturned() ? fromMissed().end().state : null;
    }

    /** The reason a MISSED delivery takes when it is overturned. */
    public String missedReason() {
        return missedState() == null ? null : fromMissed().end().reason;
    }

    /** The end time a MISSED delivery takes when it is overturned. */
    public OffsetDateTime missedFinishedAt() {
        return missedState() == null ? null : fromMissed().end().finishedAt;
    }

    public OffsetDateTime deliveredAt() {
        return firstAt(DeliveryState.DELIVERED);
    }

    public OffsetDateTime downloadedAt() {
        return firstAt(DeliveryState.DOWNLOADED);
    }

    public OffsetDateTime startedAt() {
        return firstAt(DeliveryState.PLAYING);
    }

    /** The time of the first event that ends a delivery (PLAYED, FAILED, MISSED, PREEMPTED). */
    public OffsetDateTime finishedAt() {
        for (Event e : events) {
            if (e.event().rank() > DeliveryState.PLAYING.rank()) {
                return e.at();
            }
        }
        return null;
    }

    private OffsetDateTime firstAt(DeliveryState kind) {
        for (Event e : events) {
            if (e.event() == kind) {
                return e.at();
            }
        }
        return null;
    }
}
