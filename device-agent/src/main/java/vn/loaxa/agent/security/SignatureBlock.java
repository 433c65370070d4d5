package vn.loaxa.agent.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The signature block of a manifest or command, carried as MQTT 5 user properties (docs/protocol.md,
 * "Signatures"), and the canonical bytes its Ed25519 signature covers.
 */
public record SignatureBlock(String keyId, long sequence, long issuedAt, long expiresAt, byte[] signature) {
    public static final String KEY_ID = "loaxa-kid";
    public static final String SEQUENCE = "loaxa-seq";
    public static final String ISSUED_AT = "loaxa-iat";
    public static final String EXPIRES_AT = "loaxa-exp";
    public static final String SIGNATURE = "loaxa-sig";
    private static final String VERSION = "loaxa-sig-v1";

    /** The block from a message's user properties; empty if any part is missing or not a number. */
    public static Optional<SignatureBlock> from(Map<String, String> properties) {
        String keyId = properties.get(KEY_ID);
        String signature = properties.get(SIGNATURE);
        if (keyId == null || signature == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SignatureBlock(
                    keyId,
                    Long.parseLong(properties.get(SEQUENCE)),
                    Long.parseLong(properties.get(ISSUED_AT)),
                    Long.parseLong(properties.get(EXPIRES_AT)),
                    Base64.getDecoder().decode(signature)));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(new SignatureBlock(keyId, -1, 0, 0, new byte[0]));
        }
    }

    /** The exact bytes the server signed. */
    public byte[] canonical(String topic, byte[] payload) {
        try {
            String digest = Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(payload));
            return String.join(
                            "\n",
                            VERSION,
                            topic,
                            keyId,
                            Long.toString(sequence),
                            Long.toString(issuedAt),
                            Long.toString(expiresAt),
                            digest)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
