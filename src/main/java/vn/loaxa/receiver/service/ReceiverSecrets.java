package vn.loaxa.receiver.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jboss.logging.Logger;
import vn.loaxa.account.service.Passwords;
import vn.loaxa.receiver.model.Receiver;
import vn.loaxa.receiver.model.ReceiverRepository;

/**
 * Receivers' secrets: issued and revoked here, and checked here for every login of a receiver, on the broker and over
 * HTTP, against the secret's PBKDF2 hash ({@link Receiver#brokerHash}). The secrets are random and long, so a slow
 * hash would add nothing but cost (docs/security.md, "Receiver secrets"). A receiver whose secret predates that hash
 * has only a bcrypt hash: its first successful login stores the PBKDF2 hash and drops the bcrypt one.
 */
@ApplicationScoped
public class ReceiverSecrets {
    private static final Logger LOG = Logger.getLogger(ReceiverSecrets.class);

    private final ReceiverRepository receivers;
    private final Passwords passwords;

    public ReceiverSecrets(ReceiverRepository receivers, Passwords passwords) {
        this.receivers = receivers;
        this.passwords = passwords;
    }

    private record Stored(String hash, String legacyHash) {}

    /** Gives the receiver a new secret, whose hash replaces every earlier one; the secret itself is not kept. */
    String issue(Receiver receiver) {
        String secret = passwords.newSecret();
        receiver.brokerHash = passwords.brokerHash(secret);
        receiver.legacySecretHash = null;
        receiver.revokedAt = null;
        return secret;
    }

    /** Stops every secret of the receiver from working until a new one is issued. */
    void revoke(Receiver receiver) {
        receiver.brokerHash = null;
        receiver.legacySecretHash = null;
        receiver.revokedAt = OffsetDateTime.now();
    }

    /** Whether {@code secret} is the receiver's current secret; never for an unknown or revoked receiver. */
    public boolean isCurrent(String receiverId, String secret) {
        Optional<Stored> stored = QuarkusTransaction.joiningExisting()
                .call(() -> receivers
                        .findByIdOptional(receiverId)
                        .filter(r -> r.revokedAt == null)
                        .map(r -> new Stored(r.brokerHash, r.legacySecretHash)));
        if (stored.isEmpty()) {
            return false;
        }
        if (stored.get().hash() != null) {
            return passwords.matchesBrokerHash(secret, stored.get().hash());
        }
        if (!passwords.matches(secret, stored.get().legacyHash())) {
            return false;
        }
        upgrade(receiverId, stored.get().legacyHash(), secret);
        return true;
    }

    /**
     * Replaces a checked bcrypt hash by the secret's PBKDF2 hash, unless the secret was rotated or revoked since it
     * was read: then the newer state stays.
     */
    private void upgrade(String receiverId, String checkedLegacyHash, String secret) {
        String hash = passwords.brokerHash(secret);
        int updated = QuarkusTransaction.joiningExisting()
                .call(() -> receivers.update(
                        "brokerHash = ?1, legacySecretHash = null where id = ?2 and legacySecretHash = ?3"
                                + " and brokerHash is null and revokedAt is null",
                        hash,
                        receiverId,
                        checkedLegacyHash));
        if (updated == 1) {
            LOG.infof("Receiver %s: its secret's bcrypt hash was replaced by its PBKDF2 hash at login", receiverId);
        }
    }
}
