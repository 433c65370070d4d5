package vn.loaxa.report.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.stream.Collectors;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.delivery.service.DeliveriesAdvanced;
import vn.loaxa.receiver.service.ReceiverMoved;

/**
 * Marks dirty the summarised days whose plays changed, in the changing transaction: a receiver's events (a late
 * report for an old day), and a receiver's move, since the report counts a play under the receiver's current area.
 * Other delivery changes (sweeping to MISSED, cancelling) never touch a PLAYED delivery, which is all the summary
 * counts; deleting an occurrence deletes its summary rows with it.
 */
@ApplicationScoped
public class PlaysSummaryInvalidation {
    private final PlaysSummaryDays days;
    private final EntityManager em;

    public PlaysSummaryInvalidation(PlaysSummaryDays days, EntityManager em) {
        this.days = days;
        this.em = em;
    }

    void onAdvanced(@Observes DeliveriesAdvanced advanced) {
        days.changed(advanced.playTimes(), advanced.now());
    }

    void onMoved(@Observes ReceiverMoved moved) {
        OffsetDateTime now = OffsetDateTime.now();
        Set<OffsetDateTime> played = em.createQuery("""
                        select distinct o.playAt from Delivery d join Occurrence o on o.id = d.occurrenceId
                        where d.receiverId = :receiver and d.state = :played and o.playAt < :now""", OffsetDateTime.class)
                .setParameter("receiver", moved.receiverId())
                .setParameter("played", DeliveryState.PLAYED)
                .setParameter("now", now)
                .getResultStream()
                .collect(Collectors.toSet());
        days.changed(played, now);
    }
}
