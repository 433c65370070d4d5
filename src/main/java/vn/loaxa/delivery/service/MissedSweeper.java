package vn.loaxa.delivery.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import org.jboss.logging.Logger;
import vn.loaxa.delivery.model.DeliveryState;

/**
 * Marks MISSED every delivery that is still not final when its occurrence's window has closed. A delivery that a
 * late report already turned back from MISSED (to PLAYING) is not marked again: the receiver said it played inside
 * the window, and only its own next report (PLAYED, FAILED) moves it on.
 */
@ApplicationScoped
public class MissedSweeper {
    private static final Logger LOG = Logger.getLogger(MissedSweeper.class);

    private final EntityManager em;

    public MissedSweeper(EntityManager em) {
        this.em = em;
    }

    @Scheduled(
            identity = "missed-sweeper",
            every = "${loaxa.delivery.sweep-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void sweep() {
        OffsetDateTime now = OffsetDateTime.now();
        int missed = em.createQuery("""
                update Delivery d set d.state = :missed, d.stateRank = :final, d.updatedAt = :now,
                    d.reason = 'no confirmation from the receiver before the broadcast window closed',
                    d.version = d.version + 1
                where d.stateRank < :final and d.reportedLateAt is null
                  and d.occurrenceId in (select o.id from Occurrence o where o.windowEnd < :now)
                """)
                .setParameter("missed", DeliveryState.MISSED)
                .setParameter("final", DeliveryState.FINAL_RANK)
                .setParameter("now", now)
                .executeUpdate();
        if (missed > 0) {
            LOG.infof("Marked %d deliveries MISSED", missed);
        }
    }
}
