package vn.loaxa.dispatch.signing;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Signs every message the server sends to agents with the server's Ed25519 key (kept with JDK {@code java.security},
 * signed with BouncyCastle, which is many times faster).
 *
 * <p>Each process signs as its own {@link #signer()}: a random id made at start and never reused, with a counter
 * from 1 for all its messages, so it is strictly increasing on every topic. Replicas that share the key therefore
 * never collide, and no clock is involved: agents keep the last sequence per topic and signer (docs/security.md,
 * "Several replicas"). Each message also carries the signer's horizon: the latest expiry of everything it signed so
 * far on topics of the same kind (the same last level, so every earlier message on the same topic is covered), which
 * tells an agent when it may forget the signer on that topic.
 */
@ApplicationScoped
public class MessageSigner {
    private static final Logger LOG = Logger.getLogger(MessageSigner.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A public key that agents may trust, as {@code GET /api/v1/signing-keys} lists it. */
    public record TrustedKey(String keyId, String algorithm, String publicKey, boolean current) {}

    private final SigningConfig config;
    private final Path defaultKeyFile;
    private final Clock clock;
    private final String signer = newSignerId();
    private long sequence;
    /** The latest expiry signed so far per kind of topic, its last level: an areas message's year leaves commands be. */
    private final Map<String, Long> horizons = new HashMap<>();

    private volatile KeyPair keys;
    private volatile Ed25519PrivateKeyParameters signingKey;
    private volatile String keyId;

    @Inject
    public MessageSigner(SigningConfig config, @ConfigProperty(name = "loaxa.data-dir") Path dataDir) {
        this(config, dataDir, Clock.systemUTC());
    }

    /** A signer that reads the time from {@code clock}, as a replica with a skewed clock would. */
    MessageSigner(SigningConfig config, Path dataDir, Clock clock) {
        this.config = config;
        this.defaultKeyFile = dataDir.resolve("keys").resolve("signing-ed25519.pem");
        this.clock = clock;
    }

    void load(@Observes @Priority(5) StartupEvent event) {
        keys();
    }

    public SignedMessage sign(String topic, byte[] payload, Duration validity) {
        keys();
        long issuedAt = clock.millis();
        long expiresAt = issuedAt + Math.max(1000, validity.toMillis());
        SignedMessage unsigned;
        synchronized (this) {
            // one step, so that a message's horizon covers every message of its kind with a lower sequence
            sequence++;
            long horizon = horizons.merge(kind(topic), expiresAt, Math::max);
            unsigned = SignedMessage.unsigned(keyId, signer, sequence, horizon, issuedAt, expiresAt);
        }
        return unsigned.signedWith(signingKey, topic, payload);
    }

    /** This process's signer id: random, made at start, never reused. */
    public String signer() {
        return signer;
    }

    private static String kind(String topic) {
        return topic.substring(topic.lastIndexOf('/') + 1);
    }

    private static String newSignerId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    public List<TrustedKey> trustedKeys() {
        List<TrustedKey> all = new ArrayList<>();
        all.add(new TrustedKey(keyId(), SigningKeys.ALGORITHM, SigningKeys.encodePublic(keys().getPublic()), true));
        for (String previous : config.previousPublicKeys().orElse(List.of())) {
            all.add(new TrustedKey(
                    SigningKeys.keyId(SigningKeys.decodePublic(previous)),
                    SigningKeys.ALGORITHM,
                    previous.strip(),
                    false));
        }
        return all;
    }

    public String keyId() {
        keys();
        return keyId;
    }

    private KeyPair keys() {
        KeyPair current = keys;
        if (current == null) {
            synchronized (this) {
                if (keys == null) {
                    KeyPair loaded = loadOrCreate();
                    signingKey = SigningKeys.signingKey(loaded.getPrivate());
                    keyId = SigningKeys.keyId(loaded.getPublic());
                    keys = loaded;
                }
                current = keys;
            }
        }
        return current;
    }

    private KeyPair loadOrCreate() {
        Path file = config.keyFile().orElse(defaultKeyFile);
        if (Files.exists(file)) {
            KeyPair pair = SigningKeys.read(file);
            LOG.infof(
                    "Signing manifests and commands with Ed25519 key %s from %s",
                    SigningKeys.keyId(pair.getPublic()), file);
            return pair;
        }
        if (config.keyFile().isPresent()) {
            throw new IllegalStateException(
                    "The signing key file " + file + " (loaxa.signing.key-file) does not" + " exist");
        }
        KeyPair pair = SigningKeys.generate();
        SigningKeys.write(pair, file);
        LOG.infof(
                "Generated the Ed25519 signing key %s in %s. Agents must trust its public key: %s",
                SigningKeys.keyId(pair.getPublic()), file, SigningKeys.encodePublic(pair.getPublic()));
        return pair;
    }
}
