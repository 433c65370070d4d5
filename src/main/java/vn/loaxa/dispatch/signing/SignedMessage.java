package vn.loaxa.dispatch.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The signature block that travels with every manifest and command as MQTT 5 user properties
 * (docs/protocol.md, "Signatures"). The Ed25519 signature covers {@link #canonical}: the topic (so that a message
 * for one receiver cannot be replayed to another), the key id, the sequence, the issue and expiry times, and the
 * SHA-256 of the exact payload bytes.
 *
 * @param keyId     which key signed, {@link SigningKeys#keyId}
 * @param sequence  strictly increasing per receiver and topic; an agent refuses one not above the last it accepted
 * @param issuedAt  epoch milliseconds, server time
 * @param expiresAt epoch milliseconds, server time; an agent refuses the message after it
 * @param signature base64 Ed25519 signature of the canonical form
 */
public record SignedMessage(String keyId, long sequence, long issuedAt, long expiresAt, String signature) {
    public static final String KEY_ID = "loaxa-kid";
    public static final String SEQUENCE = "loaxa-seq";
    public static final String ISSUED_AT = "loaxa-iat";
    public static final String EXPIRES_AT = "loaxa-exp";
    public static final String SIGNATURE = "loaxa-sig";
    private static final String VERSION = "loaxa-sig-v1";

    /** Signs {@code payload} for {@code topic} with the Ed25519 private key named {@code keyId}. */
    public static SignedMessage sign(
            PrivateKey key, String keyId, String topic, long sequence, long issuedAt, long expiresAt, byte[] payload) {
        return sign(SigningKeys.signingKey(key), keyId, topic, sequence, issuedAt, expiresAt, payload);
    }

    /**
     * Signs with a key already in BouncyCastle's form: Ed25519 is deterministic, so the signature is the same as the
     * JDK's, made some twenty times faster; the key caches its public half, which every signature needs.
     */
    public static SignedMessage sign(
            Ed25519PrivateKeyParameters key,
            String keyId,
            String topic,
            long sequence,
            long issuedAt,
            long expiresAt,
            byte[] payload) {
        byte[] signed = canonical(topic, keyId, sequence, issuedAt, expiresAt, payload);
        Ed25519Signer ed25519 = new Ed25519Signer();
        ed25519.init(true, key);
        ed25519.update(signed, 0, signed.length);
        return new SignedMessage(
                keyId, sequence, issuedAt, expiresAt, Base64.getEncoder().encodeToString(ed25519.generateSignature()));
    }

    /** The exact bytes that are signed. */
    public static byte[] canonical(
            String topic, String keyId, long sequence, long issuedAt, long expiresAt, byte[] payload) {
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
