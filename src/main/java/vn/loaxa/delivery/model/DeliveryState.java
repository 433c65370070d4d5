package vn.loaxa.delivery.model;

/**
 * State of one (occurrence, receiver). A state only ever moves to a higher rank, except that a PLAYING or PLAYED
 * from inside the occurrence's window turns MISSED into it (see {@link Delivery#apply}).
 */
public enum DeliveryState {
    SCHEDULED(0),
    DELIVERED(1),
    DOWNLOADED(2),
    PLAYING(3),
    PLAYED(4),
    FAILED(4),
    MISSED(4),
    PREEMPTED(4),
    CANCELLED(4);

    public static final int FINAL_RANK = 4;

    private final int rank;

    DeliveryState(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public boolean isFinal() {
        return rank == FINAL_RANK;
    }

    /** Whether a report of this event from inside the occurrence's window turns MISSED into it. */
    public boolean overturnsMissed() {
        return this == PLAYING || this == PLAYED;
    }

    /** Whether reaching this state records the reporter's reason. */
    public boolean carriesReason() {
        return this == FAILED || this == MISSED || this == PREEMPTED;
    }
}
