package vn.loaxa.agent.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The signature block of a manifest or command, carried as MQTT 5 user properties (docs/protocol.md,
 * "Signatures"), and the canonical bytes its Ed25519 signature covers.
 *
 * @param keyId     which key signed
 * @param signer    the identity of the server process that signed ({@code loaxa-sig-v2}), made at its start and never
 *                  reused; {@code null} for a {@code loaxa-sig-v1} block of a server from before signers
 * @param sequence  that signer's counter, strictly increasing over all its messages
 * @param horizon   epoch milliseconds: no message this signer signed on this topic up to this one expires after it;
 *                  for v1 blocks, {@link Long#MAX_VALUE}
 * @param issuedAt  epoch milliseconds, server time
 * @param expiresAt epoch milliseconds, server time
 * @param signature the Ed25519 signature of {@link #canonical}
 */
public record SignatureBlock(
        String keyId, String signer, long sequence, long horizon, long issuedAt, long expiresAt, byte[] signature) {
    public static final String KEY_ID = "loaxa-kid";
    public static final String SIGNER = "loaxa-sid";
    public static final String SEQUENCE = "loaxa-seq";
    public static final String HORIZON = "loaxa-hzn";
    public static final String ISSUED_AT = "loaxa-iat";
    public static final String EXPIRES_AT = "loaxa-exp";
    public static final String SIGNATURE = "loaxa-sig";
    /** What a signer id may hold: it is part of the key of the agent's replay state. */
    public static final Pattern SIGNER_ID = Pattern.compile("[0-9A-Za-z_-]{1,64}");

    private static final String VERSION_1 = "loaxa-sig-v1";
    private static final String VERSION_2 = "loaxa-sig-v2";

    /**
     * The block from a message's user properties; empty if any part is missing or not a number (a v2 block without
     * its horizon included). A signature that is not base64 or a signer id out of {@link #SIGNER_ID} gives a block
     * that cannot verify.
     */
    public static Optional<SignatureBlock> from(Map<String, String> properties) {
        String keyId = properties.get(KEY_ID);
        String signature = properties.get(SIGNATURE);
        if (keyId == null || signature == null) {
            return Optional.empty();
        }
        String signer = properties.get(SIGNER);
        try {
            long horizon = signer == null ? Long.MAX_VALUE : Long.parseLong(properties.get(HORIZON));
            SignatureBlock block = new SignatureBlock(
                    keyId,
                    signer,
                    Long.parseLong(properties.get(SEQUENCE)),
                    horizon,
                    Long.parseLong(properties.get(ISSUED_AT)),
                    Long.parseLong(properties.get(EXPIRES_AT)),
                    Base64.getDecoder().decode(signature));
            return Optional.of(signer == null || SIGNER_ID.matcher(signer).matches() ? block : unverifiable(keyId));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(unverifiable(keyId));
        }
    }

    private static SignatureBlock unverifiable(String keyId) {
        return new SignatureBlock(keyId, null, -1, Long.MAX_VALUE, 0, 0, new byte[0]);
    }

    /**
     * The exact bytes the server signed: for v2 nine lines (version, topic, key id, signer, sequence, horizon, issue
     * time, expiry, payload digest), for v1 the same without signer and horizon.
     */
    public byte[] canonical(String topic, byte[] payload) {
        try {
            String digest = Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(payload));
            List<String> lines = new ArrayList<>();
            if (signer == null) {
                lines.addAll(List.of(VERSION_1, topic, keyId, Long.toString(sequence)));
            } else {
                lines.addAll(List.of(VERSION_2, topic, keyId, signer, Long.toString(sequence), Long.toString(horizon)));
            }
            lines.addAll(List.of(Long.toString(issuedAt), Long.toString(expiresAt), digest));
            return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
