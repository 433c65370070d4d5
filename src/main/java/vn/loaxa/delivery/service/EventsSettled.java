package vn.loaxa.delivery.service;

import java.util.List;

/**
 * Fired after a batch of receiver events is committed: each event is now stored, or known to be a duplicate of a
 * stored one, or refused for good (no such delivery). Whoever told the receivers may now acknowledge them.
 */
public record EventsSettled(List<IncomingEvent> events) {}
