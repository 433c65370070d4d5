package vn.loaxa.delivery.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.loaxa.delivery.model.Delivery;
import vn.loaxa.delivery.model.DeliveryRepository;
import vn.loaxa.receiver.service.ReceiverPlaced;

/**
 * Deliveries for receivers that joined an area after one of its area-topic occurrences was dispatched. Such a
 * receiver gets the entry from the retained area manifest, but the set-based insert at dispatch did not know it.
 * Its SCHEDULED delivery, naming the media the area manifest carries, is created when it is provisioned, and failing
 * that (a provisioning that raced the dispatch, or receivers written in bulk) by its first event for the occurrence,
 * which then advances it like any other: forward only, and the delivery key keeps it to one row per receiver. Only
 * for occurrences that still go out on an area topic and are not cancelled, and only for receivers that lie in that
 * area's subtree now; events for anything else stay unknown deliveries.
 */
@ApplicationScoped
public class LateAreaDeliveries {
    private static final Logger LOG = Logger.getLogger(LateAreaDeliveries.class);

    private final EntityManager em;
    private final DeliveryRepository deliveries;

    public LateAreaDeliveries(EntityManager em, DeliveryRepository deliveries) {
        this.em = em;
        this.deliveries = deliveries;
    }

    /** Creates (in the caller's transaction) the deliveries of {@code receiverIds} that the rule allows. */
    public List<Delivery> create(UUID occurrenceId, Collection<String> receiverIds, OffsetDateTime now) {
        List<Object[]> joined = em.createQuery("""
                select o.id, o.groupMediaId, r.id from Occurrence o, Area g, Receiver r, Area a
                where o.id = :occurrence and o.cancelledAt is null and g.code = o.groupArea
                  and a.code = r.areaCode and a.path like concat(g.path, '%') and r.id in :receivers
                """, Object[].class)
                .setParameter("occurrence", occurrenceId)
                .setParameter("receivers", receiverIds)
                .getResultList();
        return persist(joined, now);
    }

    void onPlaced(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReceiverPlaced placed) {
        try {
            int created = QuarkusTransaction.requiringNew().call(() -> pendingFor(placed.receiverId()));
            if (created > 0) {
                LOG.infof("Receiver %s joined %d pending area occurrences", placed.receiverId(), created);
            }
        } catch (RuntimeException e) {
            // a concurrent first event created one of them; the rest follow from the receiver's events
            LOG.warnf(
                    "Deliveries of the pending area occurrences of receiver %s are left to its events: %s",
                    placed.receiverId(), e.toString());
        }
    }

    private int pendingFor(String receiverId) {
        OffsetDateTime now = OffsetDateTime.now();
        List<Object[]> joined = em.createQuery("""
                select o.id, o.groupMediaId, r.id from Occurrence o, Area g, Receiver r, Area a
                where r.id = :receiver and a.code = r.areaCode and g.code = o.groupArea
                  and a.path like concat(g.path, '%') and o.cancelledAt is null and o.windowEnd > :now
                  and not exists (select 1 from Delivery d where d.occurrenceId = o.id and d.receiverId = r.id)
                """, Object[].class)
                .setParameter("receiver", receiverId)
                .setParameter("now", now)
                .getResultList();
        return persist(joined, now).size();
    }

    private List<Delivery> persist(List<Object[]> rows, OffsetDateTime now) {
        List<Delivery> created = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Delivery delivery = Delivery.scheduled((UUID) row[0], (String) row[2], now);
            delivery.mediaId = (UUID) row[1];
            deliveries.persist(delivery);
            created.add(delivery);
        }
        return created;
    }
}
