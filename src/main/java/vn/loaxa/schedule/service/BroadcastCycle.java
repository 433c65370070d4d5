package vn.loaxa.schedule.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.loaxa.schedule.model.Broadcast;
import vn.loaxa.schedule.model.BroadcastRepository;
import vn.loaxa.schedule.model.Occurrence;
import vn.loaxa.schedule.model.OccurrenceRepository;

/**
 * What happens when an occurrence's trigger fires. Misfire policy after server downtime: an occurrence whose
 * start window is still open is dispatched and airs late; one whose window has closed is recorded MISSED on every
 * targeted receiver, as are any later instances that fell entirely inside the downtime.
 */
@ApplicationScoped
public class BroadcastCycle {
    private static final Logger LOG = Logger.getLogger(BroadcastCycle.class);
    static final String DOWNTIME_REASON = "the server was not running while the broadcast window was open";

    private final BroadcastRepository broadcasts;
    private final OccurrenceRepository occurrences;
    private final OccurrenceFactory factory;
    private final OccurrenceTriggers triggers;
    private final OccurrenceDispatch dispatch;
    private final ScheduleConfig config;
    private final VariantPreparation variantPreparation;

    public BroadcastCycle(
            BroadcastRepository broadcasts,
            OccurrenceRepository occurrences,
            OccurrenceFactory factory,
            OccurrenceTriggers triggers,
            OccurrenceDispatch dispatch,
            ScheduleConfig config,
            VariantPreparation variantPreparation) {
        this.variantPreparation = variantPreparation;
        this.broadcasts = broadcasts;
        this.occurrences = occurrences;
        this.factory = factory;
        this.triggers = triggers;
        this.dispatch = dispatch;
        this.config = config;
    }

    public void fire(UUID occurrenceId) {
        Instant now = Instant.now();
        Occurrence occurrence = QuarkusTransaction.requiringNew().call(() -> occurrences.findById(occurrenceId));
        if (occurrence == null || occurrence.cancelledAt != null) {
            return;
        }
        // the variants its receivers play now, and the next occurrence's window, need no FFmpeg in the transaction
        variantPreparation.forBroadcast(occurrence.broadcastId);
        if (now.isAfter(occurrence.expiresAt.toInstant())) {
            LOG.warnf(
                    "Occurrence %s fired after its window closed at %s; recording it MISSED",
                    occurrenceId, occurrence.expiresAt);
            dispatch.recordMissed(occurrenceId, DOWNTIME_REASON, () -> scheduleNext(occurrence, now));
        } else {
            // the next occurrence is committed with the dispatch, whatever then happens to its publish
            dispatch.dispatch(occurrenceId, () -> scheduleNext(occurrence, now));
        }
    }

    /**
     * Creates and triggers the series' next occurrence. Runs in the transaction that records the fired one, or that
     * cancels the pending one (an EXDATE). An emergency still waiting for its second person gets the occurrence
     * without a trigger: the confirmation schedules it.
     */
    void scheduleNext(Occurrence fired, Instant now) {
        Broadcast broadcast = broadcasts.findById(fired.broadcastId);
        if (broadcast == null || broadcast.cancelledAt != null) {
            return;
        }
        Optional<ZonedDateTime> next = factory.recurrence(broadcast).next(fired.playAt.toInstant());
        if (next.isEmpty()) {
            triggers.forget(broadcast.id);
            return;
        }
        // an instance whose window passed during a downtime fires at once and is recorded MISSED in turn
        Occurrence occurrence = factory.occurrence(broadcast, next.get().toInstant());
        if (broadcast.awaitingConfirmation) {
            return;
        }
        Instant fireAt = next.get().toInstant().minus(config.dispatchHorizon());
        triggers.schedule(broadcast.id, occurrence.id, fireAt.isBefore(now) ? now : fireAt);
    }
}
