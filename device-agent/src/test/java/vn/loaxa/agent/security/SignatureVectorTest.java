package vn.loaxa.agent.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent reads the golden vector of docs/protocol/signing/signature-vector.json into the same canonical bytes as
 * the server, byte for byte, and those bytes carry the vector's exact Ed25519 signature. The server's tests check the
 * same file.
 */
class SignatureVectorTest {
    private final JsonNode vector = read("protocol/signing/signature-vector.json");

    @Test
    void shouldBuildTheExactCanonicalBytesFromTheUserProperties() {
        SignatureBlock block = SignatureBlock.from(userProperties()).orElseThrow();

        byte[] canonical = block.canonical(vector.get("topic").asText(), payload());

        assertThat(canonical)
                .containsExactly(
                        HexFormat.of().parseHex(vector.get("canonicalHex").asText()));
        assertThat(new String(canonical, StandardCharsets.UTF_8))
                .isEqualTo(vector.get("canonical").asText())
                .endsWith("\n" + vector.get("payloadSha256").asText());
    }

    @Test
    void shouldFindTheVectorsSignatureOverTheseCanonicalBytes() throws GeneralSecurityException {
        byte[] canonical = SignatureBlock.from(userProperties())
                .orElseThrow()
                .canonical(vector.get("topic").asText(), payload());
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initSign(KeyFactory.getInstance("Ed25519")
                .generatePrivate(new PKCS8EncodedKeySpec(
                        Base64.getDecoder().decode(vector.get("privateKey").asText()))));
        ed25519.update(canonical);

        assertThat(Base64.getEncoder().encodeToString(ed25519.sign()))
                .isEqualTo(vector.get("signature").asText());
    }

    @Test
    void shouldAcceptTheVectorWithItsPublicKey(@TempDir Path stateDir) {
        SignatureVerifier verifier =
                new SignatureVerifier(List.of(vector.get("publicKey").asText()), stateDir);

        assertThat(verifier.checkAuthentic(
                        vector.get("topic").asText(),
                        payload(),
                        userProperties(),
                        vector.get("issuedAt").asLong()))
                .isEqualTo(SignatureVerifier.Verdict.ACCEPTED);
    }

    @Test
    void shouldTakeThePayloadBytesAsTheirUtf8Text() {
        assertThat(vector.get("payload").asText().getBytes(StandardCharsets.UTF_8))
                .containsExactly(payload());
    }

    /** The signature block as the server sends it, in MQTT 5 user properties. */
    private Map<String, String> userProperties() {
        return Map.of(
                SignatureBlock.KEY_ID,
                vector.get("keyId").asText(),
                SignatureBlock.SIGNER,
                vector.get("signer").asText(),
                SignatureBlock.SEQUENCE,
                vector.get("sequence").asText(),
                SignatureBlock.HORIZON,
                vector.get("horizon").asText(),
                SignatureBlock.ISSUED_AT,
                vector.get("issuedAt").asText(),
                SignatureBlock.EXPIRES_AT,
                vector.get("expiresAt").asText(),
                SignatureBlock.SIGNATURE,
                vector.get("signature").asText());
    }

    private byte[] payload() {
        return Base64.getDecoder().decode(vector.get("payloadBase64").asText());
    }

    private static JsonNode read(String resource) {
        try (InputStream in = SignatureVectorTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("docs/%s on the test classpath", resource).isNotNull();
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
