package vn.loaxa.delivery.service;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * Receiver events changed deliveries of occurrences playing at these times. Fired synchronously inside the
 * transaction that changed them, so that what observers write commits or rolls back with the change.
 */
public record DeliveriesAdvanced(Set<OffsetDateTime> playTimes, OffsetDateTime now) {}
