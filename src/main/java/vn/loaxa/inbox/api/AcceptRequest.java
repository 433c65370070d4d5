package vn.loaxa.inbox.api;

import java.time.OffsetDateTime;

/**
 * Accepts an inbox item. Without {@code startAt} the commune airs the broadcast at its own times; with it the
 * commune places a one-off airing of the bulletin at that time instead.
 */
public record AcceptRequest(OffsetDateTime startAt) {}
