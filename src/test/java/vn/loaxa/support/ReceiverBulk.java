package vn.loaxa.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import vn.loaxa.receiver.model.Receiver;
import vn.loaxa.receiver.model.ReceiverRepository;

/** Registers many receivers at once for scale tests, without a usable secret or with given secret hashes. */
@ApplicationScoped
public class ReceiverBulk {
    private final ReceiverRepository receivers;

    public ReceiverBulk(ReceiverRepository receivers) {
        this.receivers = receivers;
    }

    @Transactional
    public void create(String areaCode, String idPrefix, int count) {
        for (int i = 0; i < count; i++) {
            persist(areaCode, "%s-%05d".formatted(idPrefix, i), null, null);
        }
    }

    /**
     * Vietnamese-speaking receivers in the area, each with its secret's PBKDF2 hash as the server keeps it (receiver
     * id to hash).
     */
    @Transactional
    public void create(String areaCode, Map<String, String> secretHashes) {
        secretHashes.forEach((id, hash) -> persist(areaCode, id, hash, null));
    }

    /** The same with bcrypt hashes, as kept for receivers provisioned before the PBKDF2 hash was checked. */
    @Transactional
    public void createLegacy(String areaCode, Map<String, String> bcryptHashes) {
        bcryptHashes.forEach((id, hash) -> persist(areaCode, id, null, hash));
    }

    private void persist(String areaCode, String id, String secretHash, String legacySecretHash) {
        Receiver receiver = new Receiver();
        receiver.id = id;
        receiver.displayName = receiver.id;
        receiver.areaCode = areaCode;
        receiver.brokerHash = secretHash;
        receiver.legacySecretHash = legacySecretHash;
        receiver.languages = new java.util.ArrayList<>(List.of("vie"));
        receiver.createdAt = OffsetDateTime.now();
        receivers.persist(receiver);
    }
}
