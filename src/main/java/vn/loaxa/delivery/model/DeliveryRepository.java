package vn.loaxa.delivery.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import vn.loaxa.access.ReceiverAudio;

@ApplicationScoped
public class DeliveryRepository implements PanacheRepository<Delivery>, ReceiverAudio {

    public Optional<Delivery> findFor(UUID occurrenceId, String receiverId) {
        return find("occurrenceId = ?1 and receiverId = ?2", occurrenceId, receiverId)
                .firstResultOptional();
    }

    public List<Delivery> ofOccurrences(Collection<UUID> occurrenceIds) {
        if (occurrenceIds.isEmpty()) {
            return List.of();
        }
        return list("occurrenceId in ?1 order by receiverId", occurrenceIds);
    }

    /** Whether a delivery of {@code receiverId} plays {@code mediaId} (its own variant, or its occurrence's audio). */
    @Override
    public boolean namesMedia(String receiverId, UUID mediaId) {
        return !getEntityManager()
                .createQuery("""
                select 1 from Delivery d join Occurrence o on o.id = d.occurrenceId
                where d.receiverId = :receiver and coalesce(d.mediaId, o.mediaId, o.groupMediaId) = :media
                """, Integer.class)
                .setParameter("receiver", receiverId)
                .setParameter("media", mediaId)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    /** The latest deliveries of one receiver, newest change first. */
    public List<Delivery> recentOfReceiver(String receiverId, int limit) {
        return find("receiverId = ?1 order by updatedAt desc", receiverId)
                .page(0, limit)
                .list();
    }

    /** Deliveries that ended in one of {@code states} since a time, newest first. */
    public List<Delivery> recentInStates(Collection<DeliveryState> states, java.time.OffsetDateTime since, int limit) {
        return find("state in ?1 and updatedAt >= ?2 order by updatedAt desc", states, since)
                .page(0, limit)
                .list();
    }

    /** The receivers with a delivery in {@code state} changed since a time. */
    public List<String> receiversInState(DeliveryState state, java.time.OffsetDateTime since) {
        return find(
                        "select distinct d.receiverId from Delivery d where d.state = ?1 and d.updatedAt >= ?2",
                        state,
                        since)
                .project(String.class)
                .list();
    }

    public List<String> receiverIdsOf(UUID occurrenceId) {
        return find("select d.receiverId from Delivery d where d.occurrenceId = ?1", occurrenceId)
                .project(String.class)
                .list();
    }

    public List<String> receiverIdsOfOccurrences(Collection<UUID> occurrenceIds) {
        return find("select distinct d.receiverId from Delivery d where d.occurrenceId in ?1", occurrenceIds)
                .project(String.class)
                .list();
    }
}
