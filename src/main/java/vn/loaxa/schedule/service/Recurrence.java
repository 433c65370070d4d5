package vn.loaxa.schedule.service;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;

/**
 * A broadcast's timing: a first start in an IANA time zone, optionally repeated by an RFC 5545 RRULE with EXDATE
 * exceptions. Expansion is done by lib-recur in the local zone, so daylight-saving changes keep the local time.
 */
public final class Recurrence {
    /** Guards against rules that would never yield an instance, such as a 30th of February. */
    private static final int MAX_SCAN = 100_000;

    private final ZonedDateTime start;
    private final RecurrenceRule rule;
    private final Set<LocalDateTime> exdates;

    private Recurrence(ZonedDateTime start, RecurrenceRule rule, Set<LocalDateTime> exdates) {
        this.start = start;
        this.rule = rule;
        this.exdates = exdates;
    }

    /**
     * @param rrule   null or blank for a single airing
     * @param exdates local date-times (in {@code zone}) of instances to leave out
     */
    public static Recurrence of(Instant startAt, String zone, String rrule, Set<LocalDateTime> exdates) {
        ZoneId zoneId = zone(zone);
        ZonedDateTime start = startAt.atZone(zoneId);
        return new Recurrence(start, rrule == null || rrule.isBlank() ? null : rule(rrule), Set.copyOf(exdates));
    }

    public static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new InvalidRequestException("timeZone", ErrorMessage.of("recurrence.zone", zone));
        }
    }

    private static RecurrenceRule rule(String rrule) {
        String text = rrule.strip();
        if (text.regionMatches(true, 0, "RRULE:", 0, 6)) {
            text = text.substring(6);
        }
        RecurrenceRule rule;
        try {
            rule = new RecurrenceRule(text, RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException | RuntimeException e) {
            throw new InvalidRequestException(
                    "recurrence.rrule", ErrorMessage.of("recurrence.invalid", rrule, e.getMessage()));
        }
        if (rule.getFreq() == Freq.SECONDLY || (rule.getFreq() == Freq.MINUTELY && rule.getInterval() < 5)) {
            throw new InvalidRequestException("recurrence.rrule", ErrorMessage.of("recurrence.too-often"));
        }
        return rule;
    }

    public boolean recurring() {
        return rule != null;
    }

    public ZoneId zone() {
        return start.getZone();
    }

    /** The first {@code limit} instances at or after {@code from}. */
    public List<ZonedDateTime> instances(Instant from, int limit) {
        List<ZonedDateTime> result = new ArrayList<>();
        if (rule == null) {
            if (!start.toInstant().isBefore(from) && limit > 0) {
                result.add(start);
            }
            return result;
        }
        RecurrenceRuleIterator iterator = rule.iterator(start.toInstant().toEpochMilli(), TimeZone.getTimeZone(zone()));
        if (from.isAfter(start.toInstant())) {
            iterator.fastForward(from.toEpochMilli());
        }
        for (int scanned = 0; iterator.hasNext() && result.size() < limit && scanned < MAX_SCAN; scanned++) {
            ZonedDateTime instance = inZone(iterator.nextDateTime());
            if (!instance.toInstant().isBefore(from) && !exdates.contains(instance.toLocalDateTime())) {
                result.add(instance);
            }
        }
        return result;
    }

    /**
     * RFC 5545 §3.3.5: a local time that occurs twice means the first; one that falls in a gap is read with the
     * offset before the gap. {@link ZonedDateTime#of} resolves both exactly so.
     */
    private ZonedDateTime inZone(DateTime local) {
        return ZonedDateTime.of(
                LocalDateTime.of(
                        local.getYear(),
                        local.getMonth() + 1,
                        local.getDayOfMonth(),
                        local.getHours(),
                        local.getMinutes(),
                        local.getSeconds()),
                zone());
    }

    /**
     * The instances in {@code [from, to)}, EXDATEs left out, at most {@code limit} of them (a rule repeating every 5
     * minutes yields 2,016 in a week).
     */
    public List<ZonedDateTime> between(Instant from, Instant to, int limit) {
        List<ZonedDateTime> result = new ArrayList<>();
        if (rule == null) {
            if (!start.toInstant().isBefore(from) && start.toInstant().isBefore(to) && limit > 0) {
                result.add(start);
            }
            return result;
        }
        RecurrenceRuleIterator iterator = rule.iterator(start.toInstant().toEpochMilli(), TimeZone.getTimeZone(zone()));
        if (from.isAfter(start.toInstant())) {
            iterator.fastForward(from.toEpochMilli());
        }
        for (int scanned = 0; iterator.hasNext() && result.size() < limit && scanned < MAX_SCAN; scanned++) {
            ZonedDateTime instance = inZone(iterator.nextDateTime());
            if (!instance.toInstant().isBefore(to)) {
                break;
            }
            if (!instance.toInstant().isBefore(from) && !exdates.contains(instance.toLocalDateTime())) {
                result.add(instance);
            }
        }
        return result;
    }

    /** Whether the rule (EXDATEs aside) has an instance at {@code local}, read in the zone. */
    public boolean hasInstanceAt(LocalDateTime local) {
        Instant at = ZonedDateTime.of(local, zone()).toInstant();
        return new Recurrence(start, rule, Set.of())
                .instances(at, 1).stream().anyMatch(t -> t.toLocalDateTime().equals(local));
    }

    /** The first instance strictly after {@code after}. */
    public Optional<ZonedDateTime> next(Instant after) {
        return instances(after.plusMillis(1), 1).stream().findFirst();
    }
}
