package vn.loaxa.delivery.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Keeps, on a live session's delivery, the frame counts its receiver reported with {@code PLAYED}. They come after the
 * event itself is stored; a repeat of the event writes the same counts again.
 */
@ApplicationScoped
public class LiveDeliveryStats {
    private final EntityManager em;

    public LiveDeliveryStats(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public void record(UUID occurrenceId, String receiverId, long played, long late, long lost, int joins) {
        em.createQuery("""
                        update Delivery d set d.liveFramesPlayed = :played, d.liveFramesLate = :late,
                            d.liveFramesLost = :lost, d.liveJoins = :joins
                        where d.occurrenceId = :occurrence and d.receiverId = :receiver""")
                .setParameter("played", Math.max(0, played))
                .setParameter("late", Math.max(0, late))
                .setParameter("lost", Math.max(0, lost))
                .setParameter("joins", Math.max(0, joins))
                .setParameter("occurrence", occurrenceId)
                .setParameter("receiver", receiverId)
                .executeUpdate();
    }
}
