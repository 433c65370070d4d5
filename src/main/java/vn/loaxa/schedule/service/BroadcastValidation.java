package vn.loaxa.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.bulletin.model.BulletinStatus;
import vn.loaxa.bulletin.model.Priority;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.schedule.api.BroadcastRequest;

/**
 * The first step of creating a broadcast: checks what it airs (an approved bulletin or an allowed relay), its times
 * and its targets, and resolves them, without writing anything.
 */
@ApplicationScoped
public class BroadcastValidation {
    private static final Duration MAX_LATE_START_GRACE = Duration.ofHours(24);

    private final BulletinRepository bulletins;
    private final RelayCheck relays;
    private final TargetResolver targets;
    private final ScheduleConfig config;
    private final RequiredLanguageCheck requiredLanguages;

    public BroadcastValidation(
            BulletinRepository bulletins,
            RelayCheck relays,
            TargetResolver targets,
            ScheduleConfig config,
            RequiredLanguageCheck requiredLanguages) {
        this.bulletins = bulletins;
        this.relays = relays;
        this.targets = targets;
        this.config = config;
        this.requiredLanguages = requiredLanguages;
    }

    /**
     * A request that passed every check, resolved: the bulletin (null for a relay), its priority, its timing with the
     * first instance, the grace, the targets as named and as receivers, and the required languages the bulletin lacks
     * there (overridden by the request, or none).
     */
    public record ValidBroadcast(
            BroadcastRequest request,
            Bulletin bulletin,
            Priority priority,
            Recurrence timing,
            ZonedDateTime first,
            Duration grace,
            List<String> areaCodes,
            List<String> receiverIds,
            List<String> groupCodes,
            Set<String> receivers,
            MissingLanguages missingLanguages) {}

    /** Checks a creation request at {@code now}; the first fault found is thrown. Needs a transaction. */
    public ValidBroadcast check(BroadcastRequest request, Instant now) {
        Bulletin bulletin = request.relay() == null && request.live() == null ? approvedBulletin(request) : null;
        Priority priority = bulletin != null
                ? bulletin.priority
                : request.live() != null ? request.live().priority() : relayPriority(request);
        Recurrence timing = timing(request.startAt(), request.timeZone(), request.recurrence());
        List<ZonedDateTime> first = timing.instances(now.minus(config.pastStartTolerance()), 1);
        if (first.isEmpty()) {
            throw new InvalidRequestException(
                    "startAt",
                    timing.recurring()
                            ? ErrorMessage.of("broadcast.no-instance", now.toString())
                            : ErrorMessage.of("broadcast.past", String.valueOf(request.startAt()), now.toString()));
        }
        Duration grace = request.lateStartGrace() == null ? config.lateStartGrace() : request.lateStartGrace();
        if (grace.isNegative() || grace.compareTo(MAX_LATE_START_GRACE) > 0) {
            throw new InvalidRequestException("lateStartGrace", ErrorMessage.of("broadcast.grace"));
        }
        List<String> areaCodes = request.targets().areasOrEmpty();
        List<String> receiverIds = request.targets().receiversOrEmpty();
        List<String> groupCodes = request.targets().groupsOrEmpty();
        if (areaCodes.isEmpty() && receiverIds.isEmpty() && groupCodes.isEmpty()) {
            throw new InvalidRequestException("targets", ErrorMessage.of("broadcast.no-targets"));
        }
        Set<String> receivers = targets.receiverIds(areaCodes, receiverIds, groupCodes);
        if (receivers.isEmpty()) {
            throw new InvalidRequestException("targets", ErrorMessage.of("broadcast.no-receivers"));
        }
        // a live session is speech, not a bulletin, and a relay's language is not known: only bulletins are checked
        MissingLanguages missing =
                bulletin == null ? MissingLanguages.none() : requiredLanguages.missing(bulletin, receivers);
        if (!missing.isEmpty() && request.missingLanguageOverride() == null) {
            throw new MissingLanguageException(bulletin.title, missing);
        }
        if (!missing.isEmpty() && isBlank(request.missingLanguageOverride().reason())) {
            // the API's Bean Validation refuses this first; a schedule file's entry is not validated that way
            throw new InvalidRequestException(
                    "missingLanguageOverride.reason", ErrorMessage.of("broadcast.override-reason"));
        }
        return new ValidBroadcast(
                request,
                bulletin,
                priority,
                timing,
                first.get(0),
                grace,
                areaCodes,
                receiverIds,
                groupCodes,
                receivers,
                missing);
    }

    /** The instants a start, zone and recurrence describe; the zone defaults to the configured one. */
    public Recurrence timing(OffsetDateTime startAt, String timeZone, BroadcastRequest.RecurrenceSpec recurrence) {
        String zone = timeZone == null || timeZone.isBlank() ? config.defaultTimeZone() : timeZone;
        return Recurrence.of(
                startAt.toInstant(),
                zone,
                recurrence == null ? null : recurrence.rrule(),
                recurrence == null ? Set.of() : Set.copyOf(recurrence.exdatesOrEmpty()));
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private Bulletin approvedBulletin(BroadcastRequest request) {
        if (request.bulletinId() == null) {
            throw new InvalidRequestException("bulletinId", ErrorMessage.of("broadcast.no-bulletin"));
        }
        Bulletin bulletin = bulletins
                .findByIdOptional(request.bulletinId())
                .orElseThrow(() -> NotFoundException.referenced("Bulletin", request.bulletinId()));
        if (bulletin.status != BulletinStatus.APPROVED) {
            throw new ConflictException(ErrorMessage.of(
                    "broadcast.bulletin-not-approved",
                    bulletin.id,
                    bulletin.status.toString(),
                    ErrorMessage.of("bulletin.status." + bulletin.status)));
        }
        return bulletin;
    }

    private Priority relayPriority(BroadcastRequest request) {
        if (request.bulletinId() != null) {
            throw new InvalidRequestException("relay", ErrorMessage.of("broadcast.bulletin-and-relay"));
        }
        relays.check(request.relay());
        return request.relay().priority() == null
                ? Priority.NORMAL
                : request.relay().priority();
    }
}
