package vn.loaxa.dispatch.signing;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Signs every message the server sends to agents with the server's Ed25519 key (kept with JDK {@code java.security},
 * signed with BouncyCastle, which is many times faster). The
 * sequence is one counter for all receivers, so it is strictly increasing for each of them; it starts from the
 * clock in microseconds, so that it keeps increasing across restarts.
 */
@ApplicationScoped
public class MessageSigner {
    private static final Logger LOG = Logger.getLogger(MessageSigner.class);

    /** A public key that agents may trust, as {@code GET /api/v1/signing-keys} lists it. */
    public record TrustedKey(String keyId, String algorithm, String publicKey, boolean current) {}

    private final SigningConfig config;
    private final Path defaultKeyFile;
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong sequence = new AtomicLong();
    private volatile KeyPair keys;
    private volatile Ed25519PrivateKeyParameters signingKey;
    private volatile String keyId;

    public MessageSigner(SigningConfig config, @ConfigProperty(name = "loaxa.data-dir") Path dataDir) {
        this.config = config;
        this.defaultKeyFile = dataDir.resolve("keys").resolve("signing-ed25519.pem");
    }

    void load(@Observes @Priority(5) StartupEvent event) {
        keys();
    }

    public SignedMessage sign(String topic, byte[] payload, Duration validity) {
        keys();
        long issuedAt = clock.millis();
        long expiresAt = issuedAt + Math.max(1000, validity.toMillis());
        long next = sequence.updateAndGet(last -> Math.max(last + 1, clock.millis() * 1000));
        return SignedMessage.sign(signingKey, keyId, topic, next, issuedAt, expiresAt, payload);
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
