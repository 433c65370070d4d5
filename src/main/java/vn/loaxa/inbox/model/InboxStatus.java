package vn.loaxa.inbox.model;

/** Where a NORMAL broadcast from above stands in one commune's inbox. */
public enum InboxStatus {
    /** Waiting for the commune operator. */
    PENDING,
    /** Accepted: the commune airs it (at the broadcast's times, or at its own new time). */
    ACCEPTED,
    /** Declined with a reason: the commune's receivers never get it. */
    DECLINED
}
