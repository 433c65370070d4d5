package vn.loaxa.inbox.model;

/** How a commune takes NORMAL broadcasts from above. */
public enum InboxPolicy {
    /** Every item is accepted as it arrives, at the broadcast's own times. */
    AUTO_ACCEPT,
    /** Every item waits for a commune operator to accept or decline it. */
    MANUAL
}
