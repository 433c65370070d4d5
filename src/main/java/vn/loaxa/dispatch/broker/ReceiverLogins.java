package vn.loaxa.dispatch.broker;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import vn.loaxa.receiver.model.ReceiverRepository;
import vn.loaxa.receiver.service.CredentialsChanged;
import vn.loaxa.receiver.service.ReceiverSecrets;

/**
 * Checks a receiver's broker login against its current secret ({@link ReceiverSecrets}). A successful check is
 * remembered (as a SHA-256 of the secret) for a few minutes, so that a fleet reconnecting after a broker restart does
 * not read the database once each; rotating or revoking the secret forgets it at once.
 */
@ApplicationScoped
public class ReceiverLogins {
    private static final Duration REMEMBER = Duration.ofMinutes(10);

    private final ReceiverRepository receivers;
    private final ReceiverSecrets secrets;
    private final Map<String, Remembered> verified = new ConcurrentHashMap<>();
    /** Counts changed credentials, so that a check that read a secret's hash before it changed is not remembered. */
    private final AtomicLong changes = new AtomicLong();

    public ReceiverLogins(ReceiverRepository receivers, ReceiverSecrets secrets) {
        this.receivers = receivers;
        this.secrets = secrets;
    }

    private record Remembered(byte[] digest, Instant until) {}

    public boolean isCurrentSecret(String receiverId, byte[] secret) {
        byte[] digest = sha256(secret);
        Remembered remembered = verified.get(receiverId);
        if (remembered != null
                && remembered.until().isAfter(Instant.now())
                && MessageDigest.isEqual(remembered.digest(), digest)) {
            return true;
        }
        long changesBefore = changes.get();
        boolean valid = secrets.isCurrent(receiverId, new String(secret, StandardCharsets.UTF_8));
        if (valid && changes.get() == changesBefore) {
            verified.put(receiverId, new Remembered(digest, Instant.now().plus(REMEMBER)));
        } else {
            verified.remove(receiverId);
        }
        return valid;
    }

    /** The receiver's area chain as it is now: the area topics it may subscribe to. */
    public List<String> areaChain(String receiverId) {
        return QuarkusTransaction.requiringNew().call(() -> receivers.areaChain(receiverId));
    }

    /** Forgets every remembered login, as a restart of the server does: the next login of each reads the database. */
    public void forgetAll() {
        verified.clear();
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialsChanged changed) {
        changes.incrementAndGet();
        verified.remove(changed.receiverId());
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
