package vn.loaxa.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.loaxa.account.service.AccountAreas;
import vn.loaxa.bulletin.model.Priority;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.schedule.api.BroadcastRequest;
import vn.loaxa.schedule.model.Broadcast;
import vn.loaxa.schedule.model.BroadcastRepository;
import vn.loaxa.schedule.model.Occurrence;
import vn.loaxa.schedule.service.BroadcastRendering.Airtime;
import vn.loaxa.schedule.service.BroadcastValidation.ValidBroadcast;

/**
 * The last step of creating a broadcast, inside its transaction: refuses an equal-priority overlap, records the
 * broadcast, opens the commune inbox items, writes the first occurrence and schedules its trigger (or, for an
 * emergency under the two-person rule, leaves it waiting for confirmation).
 */
@ApplicationScoped
public class BroadcastScheduling {
    private static final Logger LOG = Logger.getLogger(BroadcastScheduling.class);

    private final BroadcastRepository broadcasts;
    private final OverlapCheck overlaps;
    private final CommuneInbox inbox;
    private final OccurrenceFactory factory;
    private final OccurrenceTriggers triggers;
    private final AccountAreas owners;
    private final ScheduleConfig config;

    public BroadcastScheduling(
            BroadcastRepository broadcasts,
            OverlapCheck overlaps,
            CommuneInbox inbox,
            OccurrenceFactory factory,
            OccurrenceTriggers triggers,
            AccountAreas owners,
            ScheduleConfig config) {
        this.broadcasts = broadcasts;
        this.overlaps = overlaps;
        this.inbox = inbox;
        this.factory = factory;
        this.triggers = triggers;
        this.owners = owners;
        this.config = config;
    }

    /** The broadcast as recorded, with its first occurrence. */
    public record Scheduled(Broadcast broadcast, Occurrence first) {}

    public Scheduled schedule(
            ValidBroadcast valid, Airtime airtime, String user, BroadcastService.Source source, Instant now) {
        boolean allowOverlap = Boolean.TRUE.equals(valid.request().allowOverlap());
        // every creation of the class takes the lock, so that a check never misses a concurrent insert
        overlaps.lock(valid.priority());
        if (!allowOverlap) {
            List<String> conflicts =
                    overlaps.conflicts(valid.timing(), airtime.length(), valid.priority(), valid.receivers());
            if (!conflicts.isEmpty()) {
                throw new ConflictException(
                        ErrorMessage.of(
                                "broadcast.overlap",
                                conflicts.size(),
                                valid.priority().toString()),
                        conflicts);
            }
        }
        Broadcast broadcast = broadcast(valid, user, source);
        broadcasts.persist(broadcast);
        if (broadcast.liveSessionId == null) {
            // a commune cannot place a live session later: there is nothing to forward
            inbox.open(broadcast.id, valid.priority(), broadcast.targetAreas);
        }

        Occurrence occurrence = factory.occurrence(broadcast, valid.first().toInstant(), airtime.audio());
        if (valid.priority() == Priority.EMERGENCY && config.emergencyTwoPersonRule()) {
            broadcast.awaitingConfirmation = true;
            LOG.infof("Emergency broadcast %s by %s waits for a second person's confirmation", broadcast.id, user);
        } else {
            Instant fireAt = occurrence.playAt.toInstant().minus(config.dispatchHorizon());
            triggers.schedule(broadcast.id, occurrence.id, fireAt.isBefore(now) ? now : fireAt);
        }
        return new Scheduled(broadcast, occurrence);
    }

    private Broadcast broadcast(ValidBroadcast valid, String user, BroadcastService.Source source) {
        BroadcastRequest request = valid.request();
        Broadcast broadcast = new Broadcast();
        broadcast.id = UUID.randomUUID();
        broadcast.bulletinId = valid.bulletin() == null ? null : valid.bulletin().id;
        if (request.relay() != null) {
            broadcast.relayUrl = request.relay().url().strip();
            broadcast.relayTitle = request.relay().title().strip();
            broadcast.relayWindowSeconds = (int) request.relay().window().toSeconds();
            broadcast.relayPriority = valid.priority();
        }
        if (request.live() != null) {
            broadcast.liveSessionId = request.live().sessionId();
            broadcast.relayTitle = request.live().title().strip();
            broadcast.relayWindowSeconds = (int) request.live().window().toSeconds();
            broadcast.relayPriority = valid.priority();
        }
        broadcast.startAt = request.startAt().withOffsetSameInstant(ZoneOffset.UTC);
        broadcast.timeZone = valid.timing().zone().getId();
        broadcast.rrule = request.recurrence() == null
                ? null
                : request.recurrence().rrule().strip();
        if (request.recurrence() != null) {
            broadcast.exdates.addAll(request.recurrence().exdatesOrEmpty());
        }
        broadcast.lateStartGraceSeconds = (int) valid.grace().toSeconds();
        broadcast.allowOverlap = Boolean.TRUE.equals(request.allowOverlap());
        broadcast.onPreempt = request.onPreempt();
        broadcast.testMode = Boolean.TRUE.equals(request.test());
        broadcast.targetAreas.addAll(valid.areaCodes());
        broadcast.targetReceivers.addAll(valid.receiverIds());
        broadcast.targetGroups.addAll(valid.groupCodes());
        broadcast.createdBy = user;
        broadcast.ownerArea = owners.areaOf(user);
        broadcast.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (source != null) {
            broadcast.sourceKey = source.key();
            broadcast.sourceFile = source.file();
            broadcast.sourceHash = source.hash();
        }
        return broadcast;
    }
}
