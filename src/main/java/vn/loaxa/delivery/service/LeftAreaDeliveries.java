package vn.loaxa.delivery.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import vn.loaxa.delivery.model.DeliveryRepository;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.receiver.service.ReceiverMoved;

/**
 * A moved receiver stops listening to the group topics of the areas it left, so their pending occurrences will
 * never play on it: they end CANCELLED with the reason at once, in the move's transaction, rather than MISSED after
 * their window.
 */
@ApplicationScoped
public class LeftAreaDeliveries {
    private final DeliveryRepository deliveries;

    public LeftAreaDeliveries(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    void onMoved(@Observes ReceiverMoved moved) {
        OffsetDateTime now = OffsetDateTime.now();
        String why = "the receiver moved to area " + moved.areaCode();
        deliveries
                .find("""
                receiverId = ?1 and stateRank < ?2 and occurrenceId in (
                    select o.id from Occurrence o where o.groupArea is not null and o.groupArea not in ?3)
                """, moved.receiverId(), DeliveryState.FINAL_RANK, moved.areaChain())
                .list()
                .forEach(delivery -> delivery.close(DeliveryState.CANCELLED, why, now));
    }
}
