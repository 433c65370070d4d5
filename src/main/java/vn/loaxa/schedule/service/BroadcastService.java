package vn.loaxa.schedule.service;

import vn.loaxa.access.Scope;
import vn.loaxa.account.service.AccountAreas;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.bulletin.model.BulletinStatus;
import vn.loaxa.bulletin.model.Priority;
import org.jboss.logging.Logger;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.common.error.NotPermittedException;
import vn.loaxa.media.model.Media;
import vn.loaxa.media.model.MediaRepository;
import vn.loaxa.schedule.api.BroadcastRequest;
import vn.loaxa.schedule.api.BroadcastView;
import vn.loaxa.schedule.api.OccurrencePreview;
import vn.loaxa.schedule.api.PreviewRequest;
import vn.loaxa.schedule.model.Broadcast;
import vn.loaxa.schedule.model.BroadcastRepository;
import vn.loaxa.schedule.model.Occurrence;
import vn.loaxa.schedule.model.OccurrenceRepository;

@ApplicationScoped
public class BroadcastService {
    private static final Logger LOG = Logger.getLogger(BroadcastService.class);
    private static final int DEFAULT_PREVIEW_COUNT = 10;
    private static final Duration MAX_LATE_START_GRACE = Duration.ofHours(24);

    private final BroadcastRepository broadcasts;
    private final OccurrenceRepository occurrences;
    private final BulletinRepository bulletins;
    private final MediaRepository media;
    private final OccurrenceDeliveries deliveries;
    private final TargetResolver targets;
    private final OccurrenceFactory factory;
    private final OccurrenceTriggers triggers;
    private final OverlapCheck overlaps;
    private final Manifests manifests;
    private final ScheduleConfig config;
    private final CommuneInbox inbox;
    private final RelayCheck relays;

    private final AccountAreas owners;
    private final VariantPreparation variantPreparation;

    public BroadcastService(BroadcastRepository broadcasts, OccurrenceRepository occurrences,
            BulletinRepository bulletins, MediaRepository media, OccurrenceDeliveries deliveries,
            TargetResolver targets, OccurrenceFactory factory, OccurrenceTriggers triggers, OverlapCheck overlaps,
            Manifests manifests, ScheduleConfig config, CommuneInbox inbox, RelayCheck relays, AccountAreas owners,
            VariantPreparation variantPreparation) {
        this.variantPreparation = variantPreparation;
        this.owners = owners;
        this.relays = relays;
        this.inbox = inbox;
        this.broadcasts = broadcasts;
        this.occurrences = occurrences;
        this.bulletins = bulletins;
        this.media = media;
        this.deliveries = deliveries;
        this.targets = targets;
        this.factory = factory;
        this.triggers = triggers;
        this.overlaps = overlaps;
        this.manifests = manifests;
        this.config = config;
    }

    /** Where a broadcast was declared, when it comes from a schedule file. */
    public record Source(String key, String file, String hash) {
    }

    public BroadcastView create(BroadcastRequest request, String user) {
        return create(request, user, null);
    }

    /**
     * Renders the variants the targets play first, outside any transaction (unless the caller holds one), then records
     * the broadcast in a transaction that only looks them up.
     */
    public BroadcastView create(BroadcastRequest request, String user, Source source) {
        if (!QuarkusTransaction.isActive()) {
            prepare(request);
        }
        return QuarkusTransaction.joiningExisting().call(() -> record(request, user, source));
    }

    /** Renders, before any transaction, the variants of the bulletin a request names for its targets. */
    public void prepare(BroadcastRequest request) {
        if (request.relay() == null && request.bulletinId() != null && request.targets() != null) {
            variantPreparation.forTargets(request.bulletinId(), request.targets().areasOrEmpty(),
                    request.targets().receiversOrEmpty(), request.targets().groupsOrEmpty());
        }
    }

    private BroadcastView record(BroadcastRequest request, String user, Source source) {
        Instant now = Instant.now();
        Bulletin bulletin = null;
        Priority priority;
        if (request.relay() != null) {
            if (request.bulletinId() != null) {
                throw new InvalidRequestException("relay", "Give either bulletinId or relay, not both");
            }
            relays.check(request.relay());
            priority = request.relay().priority() == null ? Priority.NORMAL : request.relay().priority();
        } else {
            if (request.bulletinId() == null) {
                throw new InvalidRequestException("bulletinId", "Name the bulletin to air (or a relay stream)");
            }
            bulletin = bulletins.findByIdOptional(request.bulletinId())
                    .orElseThrow(() -> NotFoundException.referenced("Bulletin", request.bulletinId()));
            if (bulletin.status != BulletinStatus.APPROVED) {
                throw new ConflictException("Bulletin '" + bulletin.id + "' is " + bulletin.status
                        + "; only APPROVED bulletins can be scheduled. Submit it and have an editor approve it first");
            }
            priority = bulletin.priority;
        }
        Recurrence timing = timing(request.startAt(), request.timeZone(), request.recurrence());
        Instant earliest = now.minus(config.pastStartTolerance());
        List<ZonedDateTime> first = timing.instances(earliest, 1);
        if (first.isEmpty()) {
            throw new InvalidRequestException("startAt", timing.recurring()
                    ? "The recurrence has no instance from now on (server time is " + now + ")"
                    : "startAt " + request.startAt() + " is in the past (server time is " + now
                            + "); choose a time from now on");
        }
        Duration grace = request.lateStartGrace() == null ? config.lateStartGrace() : request.lateStartGrace();
        if (grace.isNegative() || grace.compareTo(MAX_LATE_START_GRACE) > 0) {
            throw new InvalidRequestException("lateStartGrace", "must be between PT0S and PT24H");
        }
        List<String> areaCodes = request.targets().areasOrEmpty();
        List<String> receiverIds = request.targets().receiversOrEmpty();
        List<String> groupCodes = request.targets().groupsOrEmpty();
        if (areaCodes.isEmpty() && receiverIds.isEmpty() && groupCodes.isEmpty()) {
            throw new InvalidRequestException("targets",
                    "Name at least one area code, receiver id or receiver group in targets");
        }
        Set<String> receivers = targets.receiverIds(areaCodes, receiverIds, groupCodes);
        if (receivers.isEmpty()) {
            throw new InvalidRequestException("targets", "No receiver is registered in the targeted areas");
        }
        // renders every variant the targets play now, so that the longest duration (and the window) is exact
        Media audio = bulletin == null ? null : factory.longestVariant(bulletin, receivers);
        Duration length = audio == null ? request.relay().window() : Duration.ofMillis(audio.durationMs);
        boolean allowOverlap = Boolean.TRUE.equals(request.allowOverlap());
        // every creation of the class takes the lock, so that a check never misses a concurrent insert
        overlaps.lock(priority);
        if (!allowOverlap) {
            List<String> conflicts = overlaps.conflicts(timing, length, priority, receivers);
            if (!conflicts.isEmpty()) {
                throw new ConflictException("This broadcast would play at the same time as " + conflicts.size()
                        + " other " + priority + " broadcast(s) on the same receivers; change the time or "
                        + "targets, or set allowOverlap to queue it behind them", conflicts);
            }
        }

        Broadcast broadcast = new Broadcast();
        broadcast.id = UUID.randomUUID();
        broadcast.bulletinId = bulletin == null ? null : bulletin.id;
        if (request.relay() != null) {
            broadcast.relayUrl = request.relay().url().strip();
            broadcast.relayTitle = request.relay().title().strip();
            broadcast.relayWindowSeconds = (int) request.relay().window().toSeconds();
            broadcast.relayPriority = priority;
        }
        broadcast.startAt = request.startAt().withOffsetSameInstant(ZoneOffset.UTC);
        broadcast.timeZone = timing.zone().getId();
        broadcast.rrule = request.recurrence() == null ? null : request.recurrence().rrule().strip();
        if (request.recurrence() != null) {
            broadcast.exdates.addAll(request.recurrence().exdatesOrEmpty());
        }
        broadcast.lateStartGraceSeconds = (int) grace.toSeconds();
        broadcast.allowOverlap = allowOverlap;
        broadcast.onPreempt = request.onPreempt();
        broadcast.testMode = Boolean.TRUE.equals(request.test());
        broadcast.targetAreas.addAll(areaCodes);
        broadcast.targetReceivers.addAll(receiverIds);
        broadcast.targetGroups.addAll(groupCodes);
        broadcast.createdBy = user;
        broadcast.ownerArea = owners.areaOf(user);
        broadcast.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (source != null) {
            broadcast.sourceKey = source.key();
            broadcast.sourceFile = source.file();
            broadcast.sourceHash = source.hash();
        }
        broadcasts.persist(broadcast);
        inbox.open(broadcast.id, priority, broadcast.targetAreas);

        Occurrence occurrence = factory.occurrence(broadcast, first.get(0).toInstant(), audio);
        if (priority == Priority.EMERGENCY && config.emergencyTwoPersonRule()) {
            broadcast.awaitingConfirmation = true;
            LOG.infof("Emergency broadcast %s by %s waits for a second person's confirmation", broadcast.id, user);
        } else {
            Instant fireAt = occurrence.playAt.toInstant().minus(config.dispatchHorizon());
            triggers.schedule(broadcast.id, occurrence.id, fireAt.isBefore(now) ? now : fireAt);
        }
        return view(broadcast, bulletin, List.of(occurrence));
    }

    /**
     * The second person's confirmation of an emergency under the two-person rule: it is dispatched at once. The
     * person who created it cannot confirm it.
     */
    @Transactional
    public BroadcastView confirm(UUID id, String user) {
        Broadcast broadcast = broadcasts.findByIdOptional(id).orElseThrow(() -> NotFoundException.of("Broadcast", id));
        if (!broadcast.awaitingConfirmation) {
            throw new ConflictException("Broadcast '" + id + "' is not waiting for a confirmation"
                    + (broadcast.confirmedBy == null ? "" : "; " + broadcast.confirmedBy + " confirmed it"));
        }
        if (broadcast.cancelledAt != null) {
            throw new ConflictException("Broadcast '" + id + "' was cancelled by " + broadcast.cancelledBy);
        }
        if (user.equals(broadcast.createdBy)) {
            throw new NotPermittedException("The two-person rule: a second editor or administrator, not " + user
                    + " who created it, must confirm this emergency");
        }
        broadcast.awaitingConfirmation = false;
        broadcast.confirmedBy = user;
        broadcast.confirmedAt = OffsetDateTime.now(ZoneOffset.UTC);
        List<Occurrence> pending = occurrences.ofBroadcast(id);
        Instant now = Instant.now();
        for (Occurrence occurrence : pending) {
            Instant fireAt = occurrence.playAt.toInstant().minus(config.dispatchHorizon());
            triggers.schedule(broadcast.id, occurrence.id, fireAt.isBefore(now) ? now : fireAt);
        }
        LOG.infof("Emergency broadcast %s confirmed by %s", id, user);
        return view(broadcast, broadcast.bulletinId == null ? null : bulletins.findById(broadcast.bulletinId),
                pending);
    }

    /** Stops a broadcast everywhere: no further occurrences, and receivers drop or stop what they hold. */
    public BroadcastView cancel(UUID id, String user) {
        ManifestScope affected = QuarkusTransaction.requiringNew().call(() -> cancelRows(id, user));
        manifests.publish(affected);
        return get(id);
    }

    /** Cancels inside the caller's transaction; the caller publishes the returned manifests. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ManifestScope cancelInTransaction(UUID id, String user) {
        return cancelRows(id, user);
    }

    public void republish(ManifestScope affected) {
        manifests.publish(affected);
    }

    /** Area occurrences leave their area's manifest; the others leave each receiver's. */
    private ManifestScope cancelRows(UUID id, String user) {
        Broadcast broadcast = find(id);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ManifestScope affected = ManifestScope.empty();
        if (broadcast.cancelledAt != null) {
            return affected;
        }
        broadcast.cancelledAt = now;
        broadcast.cancelledBy = user;
        String reason = "cancelled by " + user;
        for (Occurrence occurrence : occurrences.ofBroadcast(id)) {
            if (occurrence.windowEnd.isAfter(now) && occurrence.cancelledAt == null) {
                occurrence.cancelledAt = now;
                if (occurrence.groupArea != null) {
                    affected.areaCodes().add(occurrence.groupArea);
                }
                List<String> receivers = deliveries.cancel(occurrence.id, reason, now);
                if (occurrence.groupArea == null) {
                    affected.receiverIds().addAll(receivers);
                }
            }
        }
        triggers.forget(id);
        return affected;
    }

    public OccurrencePreview preview(PreviewRequest request) {
        Recurrence timing = timing(request.startAt(), request.timeZone(), request.recurrence());
        Instant from = request.from() == null ? request.startAt().toInstant() : request.from().toInstant();
        return preview(timing, from, request.count());
    }

    @Transactional
    public OccurrencePreview occurrences(UUID id, OffsetDateTime from, Integer count) {
        Broadcast broadcast = find(id);
        Instant start = from == null ? Instant.now() : from.toInstant();
        if (broadcast.cancelledAt != null) {
            return new OccurrencePreview(broadcast.timeZone, List.of());
        }
        return preview(factory.recurrence(broadcast), start, count);
    }

    private static OccurrencePreview preview(Recurrence timing, Instant from, Integer count) {
        int limit = count == null ? DEFAULT_PREVIEW_COUNT : count;
        if (limit < 1 || limit > 500) {
            throw new InvalidRequestException("count", "count must be between 1 and 500");
        }
        List<OccurrencePreview.Instance> instances = timing.instances(from, limit).stream()
                .map(t -> new OccurrencePreview.Instance(t.toLocalDateTime(), t.getOffset().getId(), t.toInstant()))
                .toList();
        return new OccurrencePreview(timing.zone().getId(), instances);
    }

    private Recurrence timing(OffsetDateTime startAt, String timeZone, BroadcastRequest.RecurrenceSpec recurrence) {
        String zone = timeZone == null || timeZone.isBlank() ? config.defaultTimeZone() : timeZone;
        return Recurrence.of(startAt.toInstant(), zone, recurrence == null ? null : recurrence.rrule(),
                recurrence == null ? Set.of() : Set.copyOf(recurrence.exdatesOrEmpty()));
    }

    @Transactional
    public BroadcastView get(UUID id) {
        Broadcast broadcast = find(id);
        return view(broadcast, bulletinOf(broadcast), occurrences.ofBroadcast(id));
    }

    @Transactional
    public List<BroadcastView> recent(int limit) {
        return recent(limit, Scope.NATIONWIDE);
    }

    /** The latest broadcasts the scope may read (see {@link BroadcastRepository}). */
    @Transactional
    public List<BroadcastView> recent(int limit, Scope scope) {
        List<BroadcastView> views = new ArrayList<>();
        for (Broadcast b : broadcasts.recentReadable(scope, limit)) {
            views.add(view(b, bulletinOf(b), occurrences.ofBroadcast(b.id)));
        }
        return views;
    }

    private Bulletin bulletinOf(Broadcast broadcast) {
        return broadcast.bulletinId == null ? null : bulletins.findById(broadcast.bulletinId);
    }

    private Broadcast find(UUID id) {
        return broadcasts.findByIdOptional(id).orElseThrow(() -> NotFoundException.of("Broadcast", id));
    }

    private static BroadcastView view(Broadcast b, Bulletin bulletin, List<Occurrence> occurrences) {
        return new BroadcastView(b.id, b.bulletinId, bulletin == null ? b.relayTitle : bulletin.title, b.relayUrl,
                b.startAt, b.timeZone,
                b.rrule, List.copyOf(b.exdates), b.lateStartGraceSeconds, List.copyOf(b.targetAreas),
                List.copyOf(b.targetReceivers), List.copyOf(b.targetGroups),
                occurrences.stream().map(o -> new BroadcastView.OccurrenceView(o.id, o.playAt, o.expiresAt,
                        o.dispatchedAt, o.cancelledAt)).toList(),
                b.onPreempt, b.createdAt, b.cancelledAt, b.cancelledBy, b.awaitingConfirmation, b.confirmedBy,
                b.testMode);
    }
}
