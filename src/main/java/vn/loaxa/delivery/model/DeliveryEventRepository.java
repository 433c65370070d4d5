package vn.loaxa.delivery.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class DeliveryEventRepository implements PanacheRepository<DeliveryEvent> {

    /** Whether the event is stored; the occurrence's play time names the one partition that can hold it. */
    public boolean exists(UUID occurrenceId, String receiverId, DeliveryState event) {
        return count(
                        "occurrenceId = ?1 and receiverId = ?2 and event = ?3"
                                + " and playAt = (select o.playAt from Occurrence o where o.id = ?1)",
                        occurrenceId,
                        receiverId,
                        event)
                > 0;
    }
}
