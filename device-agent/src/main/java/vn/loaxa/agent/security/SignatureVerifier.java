package vn.loaxa.agent.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Accepts a manifest or command only if the server signed it (Ed25519, verified with Bouncy Castle) with a trusted
 * key, it has not expired, and its sequence is above the last one accepted from its signer on its topic. Several
 * trusted keys allow a key rotation.
 *
 * <p>Each server process signs as its own signer with its own counter, so that several replicas sharing one key
 * never refuse each other's messages, whatever their clocks. The last accepted sequence per (topic, signer) is kept
 * on disk, so that a restart does not reopen the door to replays. An entry is dropped once the signer's horizon
 * (the latest expiry of anything it signed on the topic up to that message) lies {@link #PRUNE_AFTER_HORIZON} in the
 * past: every message the entry guarded against is expired by then and refused as such, so the state stays small
 * although every server start makes a new signer. Blocks of {@code loaxa-sig-v1}, without a signer, are kept per
 * topic as before and never dropped.
 */
public final class SignatureVerifier {
    /** What the check found; anything but {@link #ACCEPTED} (and {@link #REPEATED}) is refused. */
    public enum Verdict {
        ACCEPTED,
        /** The same message as the last accepted one on its topic, delivered again (a retained manifest). */
        REPEATED,
        UNSIGNED,
        UNKNOWN_KEY,
        BAD_SIGNATURE,
        EXPIRED,
        REPLAYED
    }

    /**
     * How long after a signer's horizon its entry is kept: a margin for the agent's server-corrected clock stepping
     * back, which would make an expired message current again.
     */
    public static final Duration PRUNE_AFTER_HORIZON = Duration.ofDays(1);

    private static final String FILE = "signature-sequences.properties";
    /** The signer of {@code loaxa-sig-v1} blocks, which have none; a real signer id is never empty. */
    private static final String NO_SIGNER = "";

    private final Map<String, Ed25519PublicKeyParameters> trusted;
    private final Path sequenceFile;
    private final Map<TopicSigner, Last> lastAccepted = new HashMap<>();

    /** The messages of one signer on one topic. */
    private record TopicSigner(String topic, String signer) {}

    /** The last accepted message of a signer on a topic: its sequence and its signer's horizon. */
    private record Last(long sequence, long horizon) {}

    /**
     * @param trustedKeys base64 X.509 Ed25519 public keys, as {@code GET /api/v1/signing-keys} lists them
     * @param stateDir    where the last accepted sequence per topic and signer is kept
     */
    public SignatureVerifier(List<String> trustedKeys, Path stateDir) {
        Map<String, Ed25519PublicKeyParameters> keys = new LinkedHashMap<>();
        for (String encoded : trustedKeys) {
            PublicKey key = decode(encoded);
            keys.put(keyId(key), raw(key));
        }
        this.trusted = Map.copyOf(keys);
        this.sequenceFile = stateDir.resolve(FILE);
        if (Files.exists(sequenceFile)) {
            load();
        }
    }

    /** True when no key is trusted: the development mode that accepts unsigned messages. */
    public boolean isDisabled() {
        return trusted.isEmpty();
    }

    /**
     * Checks one message. {@code repeatable} topics (the retained manifest) may deliver the last accepted message
     * again; on the others (commands) that is a replay.
     */
    public synchronized Verdict check(
            String topic, byte[] payload, Map<String, String> properties, long serverNowMillis, boolean repeatable) {
        if (isDisabled()) {
            return Verdict.ACCEPTED;
        }
        Verdict authentic = checkAuthentic(topic, payload, properties, serverNowMillis);
        if (authentic != Verdict.ACCEPTED) {
            return authentic;
        }
        SignatureBlock block = SignatureBlock.from(properties).orElseThrow();
        TopicSigner key = new TopicSigner(topic, block.signer() == null ? NO_SIGNER : block.signer());
        Last last = lastAccepted.get(key);
        if (last != null) {
            if (block.sequence() < last.sequence() || block.sequence() == last.sequence() && !repeatable) {
                return Verdict.REPLAYED;
            }
            if (block.sequence() == last.sequence()) {
                return Verdict.REPEATED;
            }
        }
        // a message's own expiry bounds its signer's horizon, whatever the block says
        lastAccepted.put(key, new Last(block.sequence(), Math.max(block.horizon(), block.expiresAt())));
        prune(serverNowMillis);
        save();
        return Verdict.ACCEPTED;
    }

    /** How many (topic, signer) entries the replay state holds. */
    public synchronized int entries() {
        return lastAccepted.size();
    }

    private void prune(long serverNowMillis) {
        long before = serverNowMillis - PRUNE_AFTER_HORIZON.toMillis();
        lastAccepted.values().removeIf(last -> last.horizon() < before);
    }

    /**
     * Checks only that the server signed the message with a trusted key and that it has not expired, for messages
     * whose replay does no harm and that may come from several server replicas in any order (acknowledgements).
     */
    public Verdict checkAuthentic(String topic, byte[] payload, Map<String, String> properties, long serverNowMillis) {
        if (isDisabled()) {
            return Verdict.ACCEPTED;
        }
        Optional<SignatureBlock> found = SignatureBlock.from(properties);
        if (found.isEmpty()) {
            return Verdict.UNSIGNED;
        }
        SignatureBlock block = found.get();
        Ed25519PublicKeyParameters key = trusted.get(block.keyId());
        if (key == null) {
            return Verdict.UNKNOWN_KEY;
        }
        if (!verifies(key, block, topic, payload)) {
            return Verdict.BAD_SIGNATURE;
        }
        if (serverNowMillis > block.expiresAt()) {
            return Verdict.EXPIRED;
        }
        return Verdict.ACCEPTED;
    }

    private static boolean verifies(
            Ed25519PublicKeyParameters key, SignatureBlock block, String topic, byte[] payload) {
        byte[] canonical = block.canonical(topic, payload);
        Ed25519Signer ed25519 = new Ed25519Signer();
        ed25519.init(false, key);
        ed25519.update(canonical, 0, canonical.length);
        return ed25519.verifySignature(block.signature());
    }

    /**
     * Reads the state: {@code signer|topic=sequence horizon} per signer, and {@code topic=sequence} for v1 blocks,
     * the only form files written before signers hold.
     */
    private void load() {
        Properties stored = new Properties();
        try (InputStream in = Files.newInputStream(sequenceFile)) {
            stored.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sequenceFile, e);
        }
        for (String key : stored.stringPropertyNames()) {
            String[] value = stored.getProperty(key).strip().split(" ");
            try {
                if (value.length == 1) {
                    lastAccepted.put(
                            new TopicSigner(key, NO_SIGNER), new Last(Long.parseLong(value[0]), Long.MAX_VALUE));
                } else {
                    int bar = key.indexOf('|');
                    lastAccepted.put(
                            new TopicSigner(key.substring(bar + 1), key.substring(0, Math.max(bar, 0))),
                            new Last(Long.parseLong(value[0]), Long.parseLong(value[1])));
                }
            } catch (NumberFormatException e) {
                throw new IllegalStateException("cannot read the entry '" + key + "' of " + sequenceFile, e);
            }
        }
    }

    private void save() {
        Properties stored = new Properties();
        lastAccepted.forEach((key, last) -> {
            if (key.signer().equals(NO_SIGNER)) {
                stored.setProperty(key.topic(), Long.toString(last.sequence()));
            } else {
                stored.setProperty(key.signer() + "|" + key.topic(), last.sequence() + " " + last.horizon());
            }
        });
        Path part = sequenceFile.resolveSibling(FILE + ".part");
        try (OutputStream out = Files.newOutputStream(part)) {
            stored.store(out, "last accepted signed message per signer and topic: sequence and signer's horizon");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + part, e);
        }
        try {
            Files.move(part, sequenceFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + sequenceFile, e);
        }
    }

    /** The key id the server gives a public key: the first 8 bytes of the SHA-256 of its encoding, in hex. */
    public static String keyId(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Ed25519PublicKeyParameters raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return new Ed25519PublicKeyParameters(encoded, encoded.length - Ed25519PublicKeyParameters.KEY_SIZE);
    }

    private static PublicKey decode(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key: " + base64, e);
        }
    }
}
