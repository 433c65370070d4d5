package vn.loaxa.receiver.api;

import java.time.OffsetDateTime;

/** One offline period of a receiver; {@code endedAt} is null and the duration runs to now while it lasts. */
public record OutageView(String receiverId, OffsetDateTime startedAt, OffsetDateTime endedAt, long durationSeconds) {}
