package vn.loaxa.live.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.loaxa.bulletin.model.Priority;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.live.api.LiveRequest;
import vn.loaxa.live.api.LiveView;
import vn.loaxa.media.api.MediaView;
import vn.loaxa.media.service.MediaProcessor;
import vn.loaxa.media.service.MediaService;
import vn.loaxa.schedule.api.BroadcastRequest;
import vn.loaxa.schedule.api.BroadcastView;
import vn.loaxa.schedule.model.Broadcast;
import vn.loaxa.schedule.model.BroadcastRepository;
import vn.loaxa.schedule.model.LiveSession;
import vn.loaxa.schedule.model.LiveSessionRepository;
import vn.loaxa.schedule.model.Occurrence;
import vn.loaxa.schedule.model.OccurrenceRepository;
import vn.loaxa.schedule.service.BroadcastService;
import vn.loaxa.schedule.service.ManifestScope;
import vn.loaxa.schedule.service.Manifests;
import vn.loaxa.schedule.service.OverlapCheck;
import vn.loaxa.schedule.service.TargetResolver;

/**
 * Starts and ends live sessions (docs/protocol.md, "Live sessions"). A session airs through a broadcast of its own,
 * so that its targets, area checks, priority, pre-emption, two-person rule, test mode, deliveries and as-run entries
 * are those of every broadcast; what it adds is the frame key, the relaying of the source's frames and the
 * recording.
 */
@ApplicationScoped
public class LiveService {
    private static final Logger LOG = Logger.getLogger(LiveService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int FRAME_KEY_BYTES = 32;
    private static final Duration CONFIRMATION_MARGIN = Duration.ofSeconds(60);

    private final LiveSessionRepository sessions;
    private final LiveSessions running;
    private final LiveConfig config;
    private final BroadcastService broadcastService;
    private final BroadcastRepository broadcasts;
    private final OccurrenceRepository occurrences;
    private final OverlapCheck overlaps;
    private final TargetResolver targets;
    private final Manifests manifests;
    private final MediaService media;
    private final MediaProcessor processor;
    private final EntityManager em;

    public LiveService(
            LiveSessionRepository sessions,
            LiveSessions running,
            LiveConfig config,
            BroadcastService broadcastService,
            BroadcastRepository broadcasts,
            OccurrenceRepository occurrences,
            OverlapCheck overlaps,
            TargetResolver targets,
            Manifests manifests,
            MediaService media,
            MediaProcessor processor,
            EntityManager em) {
        this.sessions = sessions;
        this.running = running;
        this.config = config;
        this.broadcastService = broadcastService;
        this.broadcasts = broadcasts;
        this.occurrences = occurrences;
        this.overlaps = overlaps;
        this.targets = targets;
        this.manifests = manifests;
        this.media = media;
        this.processor = processor;
        this.em = em;
    }

    /**
     * Opens a session and dispatches its announcement at once. A receiver already in an open session refuses a
     * second one (409), unless the new one is an EMERGENCY over a PRIORITY.
     */
    public LiveView start(LiveRequest request, String user) {
        Priority priority = request.priorityOrDefault();
        if (priority == Priority.NORMAL) {
            throw new InvalidRequestException("priority", ErrorMessage.of("live.priority"));
        }
        UUID id = UUID.randomUUID();
        byte[] key = new byte[FRAME_KEY_BYTES];
        RANDOM.nextBytes(key);
        BroadcastRequest broadcast = new BroadcastRequest(
                null,
                request.targets(),
                OffsetDateTime.now(ZoneOffset.UTC),
                null,
                null,
                null,
                Boolean.TRUE,
                null,
                null,
                Boolean.TRUE.equals(request.test()) ? Boolean.TRUE : null,
                new BroadcastRequest.LiveSpec(id, request.title(), config.maxDuration(), priority));
        LiveSession session = QuarkusTransaction.requiringNew().call(() -> {
            // every live start takes the same lock, so that two starts never both pass the one-session check
            overlaps.lock(Priority.PRIORITY);
            refuseBusy(request.targets(), priority);
            BroadcastView created = broadcastService.create(broadcast, user);
            LiveSession s = new LiveSession();
            s.id = id;
            s.broadcastId = created.id();
            s.frameKey = Base64.getEncoder().encodeToString(key);
            s.delayMs = (int) config.playoutDelay().toMillis();
            s.startedBy = user;
            s.startedAt = OffsetDateTime.now(ZoneOffset.UTC);
            s.language = request.languageOrDefault();
            sessions.persist(s);
            return s;
        });
        running.relayOf(session);
        LOG.infof("Live session %s started by %s (%s, %s)", id, user, priority, request.title());
        return get(id);
    }

    private void refuseBusy(BroadcastRequest.Targets wanted, Priority priority) {
        Set<String> receivers =
                targets.receiverIds(wanted.areasOrEmpty(), wanted.receiversOrEmpty(), wanted.groupsOrEmpty());
        for (LiveSession open : sessions.open()) {
            Broadcast other = broadcasts.findById(open.broadcastId);
            if (other.cancelledAt != null) {
                continue;
            }
            Set<String> shared = new HashSet<>(targets.receiverIds(other));
            shared.retainAll(receivers);
            boolean overrides = priority == Priority.EMERGENCY && other.relayPriority == Priority.PRIORITY;
            if (!shared.isEmpty() && !overrides) {
                throw new ConflictException(
                        ErrorMessage.of("live.busy", shared.size(), other.relayTitle),
                        shared.stream().sorted().toList());
            }
        }
    }

    /** One packet from the session's source; false when the session is not open here or the packet is refused. */
    public boolean accept(UUID id, long sourceMicros, byte[] packet) {
        long arrival = nowMicros();
        return running.running(id)
                .map(relay -> relay.accept(sourceMicros, packet, arrival))
                .orElse(false);
    }

    /**
     * Where a source connects: the session must be open. Returns the relay's source clock reset for a new
     * connection.
     */
    public void sourceConnected(UUID id) {
        LiveSession session = QuarkusTransaction.requiringNew().call(() -> find(id));
        if (!session.open()) {
            throw new ConflictException(ErrorMessage.of("live.ended", id));
        }
        running.relayOf(session).sourceConnected();
    }

    /**
     * Ends a session: the receivers get the end frame and a manifest whose entry ends now, and the recording goes
     * to the library. Ending an ended session changes nothing.
     */
    public LiveView end(UUID id, String user, LiveEnd reason) {
        Optional<LiveRelay> relay = running.remove(id);
        long frames = relay.map(LiveRelay::framesReceived).orElse(0L);
        Optional<Path> recording = relay.flatMap(LiveRelay::end);
        Ended ended = QuarkusTransaction.requiringNew().call(() -> close(id, reason, frames, recording));
        if (ended == null) {
            recording.ifPresent(path -> relay.get().deleteQuietly());
            return get(id);
        }
        ended.recordingId().ifPresent(processor::submit);
        manifests.publish(ended.scope());
        LOG.infof("Live session %s ended (%s, by %s): %d frames", id, reason, user, frames);
        return get(id);
    }

    private record Ended(ManifestScope scope, Optional<UUID> recordingId) {}

    private Ended close(UUID id, LiveEnd reason, long frames, Optional<Path> recording) {
        LiveSession session = find(id);
        if (!session.open()) {
            return null;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        session.endedAt = now;
        session.endReason = reason.name();
        session.framesReceived = Math.max(session.framesReceived, frames);
        Broadcast broadcast = broadcasts.findById(session.broadcastId);
        broadcast.relayWindowSeconds =
                (int) Math.max(1, Duration.between(session.startedAt, now).toSeconds());
        ManifestScope scope = ManifestScope.empty();
        for (Occurrence occurrence : occurrences.ofBroadcast(broadcast.id)) {
            if (occurrence.expiresAt.isAfter(now)) {
                occurrence.expiresAt = now;
                occurrence.windowEnd = now.plus(config.playoutDelay()).plus(CONFIRMATION_MARGIN);
                if (occurrence.groupArea != null) {
                    scope.areaCodes().add(occurrence.groupArea);
                } else {
                    scope.receiverIds().addAll(receiversOf(occurrence.id));
                }
            }
        }
        Optional<UUID> recordingId = recording.map(path -> {
            MediaView kept = media.accept(
                    path, "live-" + id + ".opus", broadcast.relayTitle, session.language, null, session.startedBy);
            return kept.id();
        });
        recordingId.ifPresent(m -> session.recordingId = m);
        return new Ended(scope, recordingId);
    }

    private List<String> receiversOf(UUID occurrenceId) {
        return em.createQuery("select d.receiverId from Delivery d where d.occurrenceId = :id", String.class)
                .setParameter("id", occurrenceId)
                .getResultList();
    }

    public LiveView get(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> view(find(id)));
    }

    private LiveView view(LiveSession s) {
        Broadcast b = broadcasts.findById(s.broadcastId);
        long frames = running.running(s.id).map(LiveRelay::framesReceived).orElse(s.framesReceived);
        return new LiveView(
                s.id,
                s.broadcastId,
                b.relayTitle,
                b.relayPriority,
                b.testMode,
                s.delayMs,
                targets.receiverIds(b).size(),
                s.startedAt,
                s.startedBy,
                s.endedAt,
                s.endReason,
                frames,
                s.recordingId,
                b.awaitingConfirmation,
                announcedAt(b.id),
                (int) config.joinMargin().toMillis(),
                "/api/v1/live/" + s.id + "/audio",
                "/api/v1/live/" + s.id + "/socket");
    }

    /** When the session's announcement first went out: its occurrence's dispatch; null before. */
    private OffsetDateTime announcedAt(UUID broadcastId) {
        return occurrences.ofBroadcast(broadcastId).stream()
                .map(o -> o.dispatchedAt)
                .filter(Objects::nonNull)
                .min(OffsetDateTime::compareTo)
                .orElse(null);
    }

    /** The owner area of the session's broadcast, for the caller's area check. */
    public UUID broadcastOf(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> find(id).broadcastId);
    }

    private LiveSession find(UUID id) {
        return sessions.findByIdOptional(id).orElseThrow(() -> NotFoundException.of("Live session", id));
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
