package vn.loaxa.live.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.loaxa.schedule.model.Broadcast;
import vn.loaxa.schedule.model.BroadcastRepository;
import vn.loaxa.schedule.model.LiveSession;
import vn.loaxa.schedule.model.LiveSessionRepository;

/**
 * Ends the sessions that should end by themselves: a source silent for the source timeout, a session at its longest,
 * a session whose broadcast was cancelled. Each server writes when its sources last spoke, so that a session whose
 * server stopped is ended by another (or by the same one after its restart).
 */
@ApplicationScoped
public class LiveSourceWatch {
    private static final String SYSTEM = "system";

    private final LiveSessions running;
    private final LiveSessionRepository sessions;
    private final BroadcastRepository broadcasts;
    private final LiveService service;
    private final LiveConfig config;

    public LiveSourceWatch(
            LiveSessions running,
            LiveSessionRepository sessions,
            BroadcastRepository broadcasts,
            LiveService service,
            LiveConfig config) {
        this.running = running;
        this.sessions = sessions;
        this.broadcasts = broadcasts;
        this.service = service;
        this.config = config;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        long nowNanos = System.nanoTime();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<UUID, OffsetDateTime> heard = new java.util.HashMap<>();
        for (LiveRelay relay : running.all()) {
            heard.put(relay.sessionId, now.minusNanos(nowNanos - relay.lastFrameNanos()));
        }
        List<Ending> endings = QuarkusTransaction.requiringNew().call(() -> endings(heard, now));
        endings.forEach(e -> service.end(e.id(), SYSTEM, e.reason()));
    }

    private record Ending(UUID id, LiveEnd reason) {}

    private List<Ending> endings(Map<UUID, OffsetDateTime> heard, OffsetDateTime now) {
        List<Ending> endings = new ArrayList<>();
        OffsetDateTime silentSince = now.minus(config.sourceTimeout());
        for (LiveSession session : sessions.open()) {
            OffsetDateTime last = heard.get(session.id);
            if (last != null) {
                session.lastFrameAt = last;
            }
            OffsetDateTime spoke = session.lastFrameAt == null ? session.startedAt : session.lastFrameAt;
            Broadcast broadcast = broadcasts.findById(session.broadcastId);
            if (broadcast.cancelledAt != null) {
                endings.add(new Ending(session.id, LiveEnd.CANCELLED));
            } else if (session.startedAt.plus(config.maxDuration()).isBefore(now)) {
                endings.add(new Ending(session.id, LiveEnd.MAX_DURATION));
            } else if (spoke.isBefore(silentSince) && !broadcast.awaitingConfirmation) {
                endings.add(new Ending(session.id, LiveEnd.SOURCE_LOST));
            }
        }
        return endings;
    }
}
