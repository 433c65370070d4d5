package vn.loaxa.agent.security;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs as one server process does (docs/protocol.md, "Signatures"): its own signer id, a counter from 1 and the
 * horizon of everything it signed, with issue and expiry times the test chooses (a replica's clock, skewed or not).
 */
public final class ReplicaSigner {
    private final KeyPair key;
    private final String signer;
    private long sequence;
    private long horizon;

    public ReplicaSigner(KeyPair key, String signer) {
        this.key = key;
        this.signer = signer;
    }

    /** The user properties of this signer's next message, on {@code topic}. */
    public Map<String, String> sign(String topic, byte[] payload, long issuedAt, long expiresAt) {
        sequence++;
        horizon = Math.max(horizon, expiresAt);
        return block(key, signer, sequence, horizon, issuedAt, expiresAt, topic, payload);
    }

    /** A signature block with every field given; {@code signer} {@code null} makes a {@code loaxa-sig-v1} block. */
    public static Map<String, String> block(
            KeyPair key,
            String signer,
            long sequence,
            long horizon,
            long issuedAt,
            long expiresAt,
            String topic,
            byte[] payload) {
        String keyId = SignatureVerifier.keyId(key.getPublic());
        SignatureBlock unsigned = new SignatureBlock(
                keyId, signer, sequence, signer == null ? Long.MAX_VALUE : horizon, issuedAt, expiresAt, new byte[0]);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(SignatureBlock.KEY_ID, keyId);
        if (signer != null) {
            properties.put(SignatureBlock.SIGNER, signer);
        }
        properties.put(SignatureBlock.SEQUENCE, Long.toString(sequence));
        if (signer != null) {
            properties.put(SignatureBlock.HORIZON, Long.toString(horizon));
        }
        properties.put(SignatureBlock.ISSUED_AT, Long.toString(issuedAt));
        properties.put(SignatureBlock.EXPIRES_AT, Long.toString(expiresAt));
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key.getPrivate());
            ed25519.update(unsigned.canonical(topic, payload));
            properties.put(SignatureBlock.SIGNATURE, Base64.getEncoder().encodeToString(ed25519.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }

    public static KeyPair newKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as agents are given it to trust. */
    public static String trusted(KeyPair key) {
        return Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    }
}
