package vn.loaxa.delivery.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class DeliveryEventRepository implements PanacheRepository<DeliveryEvent> {

    public boolean exists(UUID occurrenceId, String receiverId, DeliveryState event) {
        return count("occurrenceId = ?1 and receiverId = ?2 and event = ?3", occurrenceId, receiverId, event) > 0;
    }
}
