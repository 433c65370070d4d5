package vn.loaxa.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import vn.loaxa.receiver.model.Receiver;
import vn.loaxa.receiver.model.ReceiverRepository;

/** Registers many receivers at once for scale tests; they have no usable secret. */
@ApplicationScoped
public class ReceiverBulk {
    private final ReceiverRepository receivers;

    public ReceiverBulk(ReceiverRepository receivers) {
        this.receivers = receivers;
    }

    @Transactional
    public void create(String areaCode, String idPrefix, int count) {
        for (int i = 0; i < count; i++) {
            Receiver receiver = new Receiver();
            receiver.id = "%s-%05d".formatted(idPrefix, i);
            receiver.displayName = receiver.id;
            receiver.areaCode = areaCode;
            receiver.secretHash = "!";
            receiver.languages = new java.util.ArrayList<>(List.of("vie"));
            receiver.createdAt = OffsetDateTime.now();
            receivers.persist(receiver);
        }
    }
}
