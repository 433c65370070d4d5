package vn.loaxa.delivery.model;

import java.time.OffsetDateTime;

/**
 * What a run of new events does to one delivery, folded without knowing the delivery's current state, so that one
 * set-based statement can apply it: {@link Delivery#apply} for each event in turn ends exactly where
 * {@link #applyTo} ends. The state goes to the first event of the highest rank, if that rank is above the current
 * one; each time column keeps its first value.
 */
public final class DeliveryAdvance {
    private final long deliveryId;
    private DeliveryState state;
    private String reason;
    private OffsetDateTime deliveredAt;
    private OffsetDateTime downloadedAt;
    private OffsetDateTime startedAt;
    private OffsetDateTime finishedAt;

    public DeliveryAdvance(long deliveryId) {
        this.deliveryId = deliveryId;
    }

    /** Adds the next event, in arrival order. */
    public void add(DeliveryState event, OffsetDateTime at, String failureReason) {
        switch (event) {
            case DELIVERED -> deliveredAt = deliveredAt == null ? at : deliveredAt;
            case DOWNLOADED -> downloadedAt = downloadedAt == null ? at : downloadedAt;
            case PLAYING -> startedAt = startedAt == null ? at : startedAt;
            default -> finishedAt = finishedAt == null ? at : finishedAt;
        }
        if (state == null || event.rank() > state.rank()) {
            state = event;
            reason = failureReason;
        }
    }

    /** The in-memory equivalent of the SQL that the stores run; the tests hold the two against each other. */
    public void applyTo(Delivery delivery, OffsetDateTime now) {
        if (state.rank() > delivery.stateRank) {
            if (state.carriesReason()) {
                delivery.reason = reason;
            }
            delivery.state = state;
            delivery.stateRank = state.rank();
        }
        delivery.deliveredAt = delivery.deliveredAt == null ? deliveredAt : delivery.deliveredAt;
        delivery.downloadedAt = delivery.downloadedAt == null ? downloadedAt : delivery.downloadedAt;
        delivery.startedAt = delivery.startedAt == null ? startedAt : delivery.startedAt;
        delivery.finishedAt = delivery.finishedAt == null ? finishedAt : delivery.finishedAt;
        delivery.updatedAt = now;
    }

    public long deliveryId() {
        return deliveryId;
    }

    public DeliveryState state() {
        return state;
    }

    /** The reason to store if the state moves, and only then; null when the state carries none. */
    public String reason() {
        return state.carriesReason() ? reason : null;
    }

    public OffsetDateTime deliveredAt() {
        return deliveredAt;
    }

    public OffsetDateTime downloadedAt() {
        return downloadedAt;
    }

    public OffsetDateTime startedAt() {
        return startedAt;
    }

    public OffsetDateTime finishedAt() {
        return finishedAt;
    }
}
