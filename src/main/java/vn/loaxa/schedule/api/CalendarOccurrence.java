package vn.loaxa.schedule.api;

import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * One airing of a broadcast in a calendar window, whether materialised yet or only an instance of its rule.
 *
 * @param start        in the broadcast's own zone
 * @param occurrenceId null while the instance is not materialised
 * @param cancelled    the occurrence, or its whole series, was cancelled (an EXDATE included)
 * @param open         it is still to come, or playing: it can still be cancelled
 * @param ownerArea    the area owning the broadcast (null: national), for the caller's right to change it
 */
public record CalendarOccurrence(
        UUID broadcastId,
        String title,
        boolean test,
        boolean recurring,
        boolean seriesCancelled,
        ZonedDateTime start,
        UUID occurrenceId,
        boolean cancelled,
        boolean open,
        String ownerArea) {}
