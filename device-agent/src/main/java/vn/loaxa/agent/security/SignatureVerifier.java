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
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Accepts a manifest or command only if the server signed it (Ed25519, JDK {@code java.security}) with a trusted
 * key, it has not expired, and its sequence is above the last one accepted on its topic, which is kept on disk so
 * that a restart does not reopen the door to replays. Several trusted keys allow a key rotation.
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

    private static final String FILE = "signature-sequences.properties";

    private final Map<String, PublicKey> trusted;
    private final Path sequenceFile;
    private final Properties lastAccepted = new Properties();

    /**
     * @param trustedKeys base64 X.509 Ed25519 public keys, as {@code GET /api/v1/signing-keys} lists them
     * @param stateDir    where the last accepted sequence per topic is kept
     */
    public SignatureVerifier(List<String> trustedKeys, Path stateDir) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (String encoded : trustedKeys) {
            PublicKey key = decode(encoded);
            keys.put(keyId(key), key);
        }
        this.trusted = Map.copyOf(keys);
        this.sequenceFile = stateDir.resolve(FILE);
        if (Files.exists(sequenceFile)) {
            try (InputStream in = Files.newInputStream(sequenceFile)) {
                lastAccepted.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + sequenceFile, e);
            }
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
        long last = Long.parseLong(lastAccepted.getProperty(topic, "-1"));
        if (block.sequence() < last || block.sequence() == last && !repeatable) {
            return Verdict.REPLAYED;
        }
        if (block.sequence() == last) {
            return Verdict.REPEATED;
        }
        lastAccepted.setProperty(topic, Long.toString(block.sequence()));
        save();
        return Verdict.ACCEPTED;
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
        PublicKey key = trusted.get(block.keyId());
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

    private static boolean verifies(PublicKey key, SignatureBlock block, String topic, byte[] payload) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(key);
            ed25519.update(block.canonical(topic, payload));
            return ed25519.verify(block.signature());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private void save() {
        Path part = sequenceFile.resolveSibling(FILE + ".part");
        try (OutputStream out = Files.newOutputStream(part)) {
            lastAccepted.store(out, "last accepted signed message per topic");
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

    private static PublicKey decode(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key: " + base64, e);
        }
    }
}
