package vn.loaxa.dispatch.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The signature block that travels with every manifest and command as MQTT 5 user properties
 * (docs/protocol.md, "Signatures"). The Ed25519 signature covers {@link #canonical}: the topic (so that a message
 * for one receiver cannot be replayed to another), the key id, the signer and its sequence and horizon, the issue
 * and expiry times, and the SHA-256 of the exact payload bytes.
 *
 * @param keyId     which key signed, {@link SigningKeys#keyId}
 * @param signer    the server process that signed: made at its start, never reused, so that replicas sharing a key
 *                  each count on their own
 * @param sequence  the signer's counter, from 1, strictly increasing over all its messages; an agent refuses one not
 *                  above the last it accepted from that signer on that topic
 * @param horizon   epoch milliseconds: no message this signer signed on this topic up to this one expires after it,
 *                  which lets an agent forget the signer on the topic once all of them have expired
 * @param issuedAt  epoch milliseconds, server time
 * @param expiresAt epoch milliseconds, server time; an agent refuses the message after it
 * @param signature base64 Ed25519 signature of the canonical form, {@code null} before {@link #signedWith}
 */
public record SignedMessage(
        String keyId, String signer, long sequence, long horizon, long issuedAt, long expiresAt, String signature) {
    public static final String KEY_ID = "loaxa-kid";
    public static final String SIGNER = "loaxa-sid";
    public static final String SEQUENCE = "loaxa-seq";
    public static final String HORIZON = "loaxa-hzn";
    public static final String ISSUED_AT = "loaxa-iat";
    public static final String EXPIRES_AT = "loaxa-exp";
    public static final String SIGNATURE = "loaxa-sig";
    private static final String VERSION = "loaxa-sig-v2";

    /** The block to sign, without its signature. */
    public static SignedMessage unsigned(
            String keyId, String signer, long sequence, long horizon, long issuedAt, long expiresAt) {
        return new SignedMessage(keyId, signer, sequence, horizon, issuedAt, expiresAt, null);
    }

    /** This block signed for {@code payload} on {@code topic} with the Ed25519 private key named {@link #keyId}. */
    public SignedMessage signedWith(PrivateKey key, String topic, byte[] payload) {
        return signedWith(SigningKeys.signingKey(key), topic, payload);
    }

    /**
     * Signs with a key already in BouncyCastle's form: Ed25519 is deterministic, so the signature is the same as the
     * JDK's, made some twenty times faster; the key caches its public half, which every signature needs.
     */
    public SignedMessage signedWith(Ed25519PrivateKeyParameters key, String topic, byte[] payload) {
        byte[] signed = canonical(topic, payload);
        Ed25519Signer ed25519 = new Ed25519Signer();
        ed25519.init(true, key);
        ed25519.update(signed, 0, signed.length);
        return new SignedMessage(
                keyId,
                signer,
                sequence,
                horizon,
                issuedAt,
                expiresAt,
                Base64.getEncoder().encodeToString(ed25519.generateSignature()));
    }

    /**
     * The exact bytes that are signed: nine lines joined with {@code \n}, the version, the topic, the key id, the
     * signer, the sequence, the horizon, the issue time, the expiry and the base64 SHA-256 of the payload.
     */
    public byte[] canonical(String topic, byte[] payload) {
        try {
            String digest = Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(payload));
            return String.join(
                            "\n",
                            VERSION,
                            topic,
                            keyId,
                            signer,
                            Long.toString(sequence),
                            Long.toString(horizon),
                            Long.toString(issuedAt),
                            Long.toString(expiresAt),
                            digest)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The block as the MQTT 5 user properties that carry it, in the order of the canonical form. */
    public Map<String, String> userProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(KEY_ID, keyId);
        properties.put(SIGNER, signer);
        properties.put(SEQUENCE, Long.toString(sequence));
        properties.put(HORIZON, Long.toString(horizon));
        properties.put(ISSUED_AT, Long.toString(issuedAt));
        properties.put(EXPIRES_AT, Long.toString(expiresAt));
        properties.put(SIGNATURE, signature);
        return properties;
    }
}
