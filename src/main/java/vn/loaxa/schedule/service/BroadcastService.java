package vn.loaxa.schedule.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.loaxa.access.Scope;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.common.error.NotPermittedException;
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

    private final BroadcastRepository broadcasts;
    private final OccurrenceRepository occurrences;
    private final BulletinRepository bulletins;
    private final OccurrenceDeliveries deliveries;
    private final OccurrenceFactory factory;
    private final OccurrenceTriggers triggers;
    private final Manifests manifests;
    private final ScheduleConfig config;
    private final BroadcastValidation validation;
    private final BroadcastRendering rendering;
    private final BroadcastScheduling scheduling;
    private final Event<MissingLanguagesOverridden> overrides;

    public BroadcastService(
            BroadcastRepository broadcasts,
            OccurrenceRepository occurrences,
            BulletinRepository bulletins,
            OccurrenceDeliveries deliveries,
            OccurrenceFactory factory,
            OccurrenceTriggers triggers,
            Manifests manifests,
            ScheduleConfig config,
            BroadcastValidation validation,
            BroadcastRendering rendering,
            BroadcastScheduling scheduling,
            Event<MissingLanguagesOverridden> overrides) {
        this.broadcasts = broadcasts;
        this.occurrences = occurrences;
        this.bulletins = bulletins;
        this.deliveries = deliveries;
        this.factory = factory;
        this.triggers = triggers;
        this.manifests = manifests;
        this.config = config;
        this.validation = validation;
        this.rendering = rendering;
        this.scheduling = scheduling;
        this.overrides = overrides;
    }

    /** Where a broadcast was declared, when it comes from a schedule file. */
    public record Source(String key, String file, String hash) {}

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
        rendering.prepare(request);
    }

    /** Validation, rendering (variants only looked up by now) and scheduling, in the caller's transaction. */
    private BroadcastView record(BroadcastRequest request, String user, Source source) {
        Instant now = Instant.now();
        BroadcastValidation.ValidBroadcast valid = validation.check(request, now);
        BroadcastRendering.Airtime airtime = rendering.airtime(valid);
        BroadcastScheduling.Scheduled scheduled = scheduling.schedule(valid, airtime, user, source, now);
        if (!valid.missingLanguages().isEmpty()) {
            overrides.fire(new MissingLanguagesOverridden(
                    scheduled.broadcast().id,
                    valid.bulletin().id,
                    valid.bulletin().title,
                    valid.missingLanguages(),
                    request.missingLanguageOverride().reason().strip(),
                    user));
        }
        return view(scheduled.broadcast(), valid.bulletin(), List.of(scheduled.first()));
    }

    /**
     * The second person's confirmation of an emergency under the two-person rule: it is dispatched at once. The
     * person who created it cannot confirm it.
     */
    @Transactional
    public BroadcastView confirm(UUID id, String user) {
        Broadcast broadcast = broadcasts.findByIdOptional(id).orElseThrow(() -> NotFoundException.of("Broadcast", id));
        if (!broadcast.awaitingConfirmation) {
            throw new ConflictException(
                    broadcast.confirmedBy == null
                            ? ErrorMessage.of("broadcast.not-awaiting", id)
                            : ErrorMessage.of("broadcast.confirmed-by", id, broadcast.confirmedBy));
        }
        if (broadcast.cancelledAt != null) {
            throw new ConflictException(ErrorMessage.of("broadcast.cancelled", id, broadcast.cancelledBy));
        }
        if (user.equals(broadcast.createdBy)) {
            throw new NotPermittedException(ErrorMessage.of("broadcast.two-person", user));
        }
        broadcast.awaitingConfirmation = false;
        broadcast.confirmedBy = user;
        broadcast.confirmedAt = OffsetDateTime.now(ZoneOffset.UTC);
        List<Occurrence> pending = occurrences.ofBroadcast(id);
        Instant now = Instant.now();
        for (Occurrence occurrence : pending) {
            if (occurrence.cancelledAt != null) {
                continue; // one occurrence cancelled alone (an EXDATE) while the emergency waited
            }
            Instant fireAt = occurrence.playAt.toInstant().minus(config.dispatchHorizon());
            triggers.schedule(broadcast.id, occurrence.id, fireAt.isBefore(now) ? now : fireAt);
        }
        LOG.infof("Emergency broadcast %s confirmed by %s", id, user);
        return view(broadcast, broadcast.bulletinId == null ? null : bulletins.findById(broadcast.bulletinId), pending);
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
        Recurrence timing = validation.timing(request.startAt(), request.timeZone(), request.recurrence());
        Instant from = request.from() == null
                ? request.startAt().toInstant()
                : request.from().toInstant();
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
            throw new InvalidRequestException("count", ErrorMessage.of("broadcast.preview-count"));
        }
        List<OccurrencePreview.Instance> instances = timing.instances(from, limit).stream()
                .map(t -> new OccurrencePreview.Instance(
                        t.toLocalDateTime(), t.getOffset().getId(), t.toInstant()))
                .toList();
        return new OccurrencePreview(timing.zone().getId(), instances);
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
        return new BroadcastView(
                b.id,
                b.bulletinId,
                bulletin == null ? b.relayTitle : bulletin.title,
                b.relayUrl,
                b.startAt,
                b.timeZone,
                b.rrule,
                List.copyOf(b.exdates),
                b.lateStartGraceSeconds,
                List.copyOf(b.targetAreas),
                List.copyOf(b.targetReceivers),
                List.copyOf(b.targetGroups),
                occurrences.stream()
                        .map(o -> new BroadcastView.OccurrenceView(
                                o.id, o.playAt, o.expiresAt, o.dispatchedAt, o.cancelledAt))
                        .toList(),
                b.onPreempt,
                b.createdAt,
                b.cancelledAt,
                b.cancelledBy,
                b.awaitingConfirmation,
                b.confirmedBy,
                b.testMode);
    }
}
