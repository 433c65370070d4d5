package vn.loaxa.delivery.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DeliveryRepository implements PanacheRepository<Delivery> {

    public Optional<Delivery> findFor(UUID occurrenceId, String receiverId) {
        return find("occurrenceId = ?1 and receiverId = ?2", occurrenceId, receiverId).firstResultOptional();
    }

    public List<Delivery> ofOccurrences(Collection<UUID> occurrenceIds) {
        if (occurrenceIds.isEmpty()) {
            return List.of();
        }
        return list("occurrenceId in ?1 order by receiverId", occurrenceIds);
    }

    /** Deliveries of one occurrence on the given receivers. */
    public List<Delivery> forReceivers(UUID occurrenceId, Collection<String> receiverIds) {
        return list("occurrenceId = ?1 and receiverId in ?2", occurrenceId, receiverIds);
    }

    public List<String> receiverIdsOf(UUID occurrenceId) {
        return find("select d.receiverId from Delivery d where d.occurrenceId = ?1", occurrenceId)
                .project(String.class).list();
    }
}
