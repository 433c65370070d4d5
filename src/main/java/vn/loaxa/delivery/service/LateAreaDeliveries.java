package vn.loaxa.delivery.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import vn.loaxa.delivery.model.Delivery;
import vn.loaxa.delivery.model.DeliveryRepository;

/**
 * Deliveries for receivers that joined an area after one of its area-topic occurrences was dispatched. Such a
 * receiver gets the entry from the retained area manifest, but the set-based insert at dispatch did not know it. Its
 * first event for the occurrence creates its SCHEDULED delivery, naming the media the area manifest carries, and the
 * event then advances it like any other: forward only, and the delivery key keeps it to one row per receiver.
 * Only for occurrences that still go out on an area topic and are not cancelled, and only for receivers that lie in
 * that area's subtree now; events for anything else stay unknown deliveries.
 */
@ApplicationScoped
public class LateAreaDeliveries {
    private final EntityManager em;
    private final DeliveryRepository deliveries;

    public LateAreaDeliveries(EntityManager em, DeliveryRepository deliveries) {
        this.em = em;
        this.deliveries = deliveries;
    }

    /** Creates (in the caller's transaction) the deliveries of {@code receiverIds} that the rule allows. */
    public List<Delivery> create(UUID occurrenceId, Collection<String> receiverIds, OffsetDateTime now) {
        List<Object[]> joined = em.createQuery("""
                select r.id, o.groupMediaId from Occurrence o, Area g, Receiver r, Area a
                where o.id = :occurrence and o.cancelledAt is null and g.code = o.groupArea
                  and a.code = r.areaCode and a.path like concat(g.path, '%') and r.id in :receivers
                """, Object[].class)
                .setParameter("occurrence", occurrenceId)
                .setParameter("receivers", receiverIds)
                .getResultList();
        List<Delivery> created = new ArrayList<>(joined.size());
        for (Object[] row : joined) {
            Delivery delivery = Delivery.scheduled(occurrenceId, (String) row[0], now);
            delivery.mediaId = (UUID) row[1];
            deliveries.persist(delivery);
            created.add(delivery);
        }
        return created;
    }
}
