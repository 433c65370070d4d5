package vn.loaxa.delivery.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import vn.loaxa.delivery.model.Delivery;
import vn.loaxa.delivery.model.DeliveryRepository;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.schedule.service.OccurrenceDeliveries;

/** Closes the deliveries of a cancelled occurrence, for the broadcast's cancellation. */
@ApplicationScoped
public class CancelledDeliveries implements OccurrenceDeliveries {
    private final DeliveryRepository deliveries;

    public CancelledDeliveries(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public List<String> cancel(UUID occurrenceId, String reason, OffsetDateTime now) {
        List<String> receivers = new ArrayList<>();
        for (Delivery delivery : deliveries.ofOccurrences(List.of(occurrenceId))) {
            if (!delivery.state.isFinal()) {
                delivery.close(DeliveryState.CANCELLED, reason, now);
            }
            receivers.add(delivery.receiverId);
        }
        return receivers;
    }
}
