package vn.loaxa.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.loaxa.access.Scope;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.schedule.api.CalendarOccurrence;
import vn.loaxa.schedule.model.Broadcast;
import vn.loaxa.schedule.model.BroadcastRepository;
import vn.loaxa.schedule.model.Occurrence;
import vn.loaxa.schedule.model.OccurrenceRepository;

/**
 * Every airing of the readable broadcasts in a window (a calendar week): each series' RRULE expanded in its own zone
 * within its UNTIL or COUNT, EXDATEs shown as cancelled, and the materialised occurrences with their own state.
 */
@ApplicationScoped
public class BroadcastCalendar {
    /** Broadcasts looked at per window. */
    static final int MAX_BROADCASTS = 500;
    /** Airings per broadcast and window: a rule repeating every 5 minutes fills a week with 2,016. */
    static final int MAX_PER_BROADCAST = 2_100;

    private final BroadcastRepository broadcasts;
    private final OccurrenceRepository occurrences;
    private final BulletinRepository bulletins;

    public BroadcastCalendar(
            BroadcastRepository broadcasts, OccurrenceRepository occurrences, BulletinRepository bulletins) {
        this.broadcasts = broadcasts;
        this.occurrences = occurrences;
        this.bulletins = bulletins;
    }

    /** The airings in {@code [from, to)} of the broadcasts the scope may read, earliest first. */
    @Transactional
    public List<CalendarOccurrence> between(Scope scope, Instant from, Instant to) {
        Instant now = Instant.now();
        List<CalendarOccurrence> result = new ArrayList<>();
        for (Broadcast broadcast : broadcasts.readableBetween(
                scope, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), MAX_BROADCASTS)) {
            result.addAll(airings(broadcast, from, to, now));
        }
        result.sort(Comparator.comparing((CalendarOccurrence c) -> c.start().toInstant())
                .thenComparing(CalendarOccurrence::title, Comparator.nullsFirst(Comparator.naturalOrder())));
        return result;
    }

    private List<CalendarOccurrence> airings(Broadcast broadcast, Instant from, Instant to, Instant now) {
        Map<Instant, Occurrence> materialised = new HashMap<>();
        for (Occurrence o : occurrences.list(
                "broadcastId = ?1 and playAt >= ?2 and playAt < ?3",
                broadcast.id,
                from.atOffset(ZoneOffset.UTC),
                to.atOffset(ZoneOffset.UTC))) {
            materialised.put(o.playAt.toInstant(), o);
        }
        Recurrence rule = Recurrence.of(broadcast.startAt.toInstant(), broadcast.timeZone, broadcast.rrule, Set.of());
        Map<Instant, ZonedDateTime> starts = new HashMap<>();
        if (broadcast.cancelledAt == null) {
            for (ZonedDateTime t : rule.between(from, to, MAX_PER_BROADCAST)) {
                starts.put(t.toInstant(), t);
            }
        }
        // a cancelled series keeps only what was materialised, shown cancelled; a one-off's fraction of a second too
        for (Instant at : materialised.keySet()) {
            starts.putIfAbsent(at, at.atZone(rule.zone()));
        }
        String title = titleOf(broadcast);
        List<CalendarOccurrence> result = new ArrayList<>();
        for (ZonedDateTime start : starts.values()) {
            Occurrence o = materialised.get(start.toInstant());
            boolean cancelled = broadcast.cancelledAt != null
                    || broadcast.exdates.contains(start.toLocalDateTime())
                    || (o != null && o.cancelledAt != null);
            boolean open = !cancelled
                    && (o == null
                            ? start.toInstant().isAfter(now)
                            : o.windowEnd.toInstant().isAfter(now));
            result.add(new CalendarOccurrence(
                    broadcast.id,
                    title,
                    broadcast.testMode,
                    rule.recurring(),
                    broadcast.cancelledAt != null,
                    start,
                    o == null ? null : o.id,
                    cancelled,
                    open,
                    broadcast.ownerArea));
        }
        return result;
    }

    private String titleOf(Broadcast broadcast) {
        if (broadcast.bulletinId == null) {
            return broadcast.relayTitle;
        }
        Bulletin bulletin = bulletins.findById(broadcast.bulletinId);
        return bulletin == null ? null : bulletin.title;
    }
}
