package vn.loaxa.dispatch.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The server signs the golden vector of docs/protocol/signing/signature-vector.json byte for byte: the payload digest,
 * the canonical bytes and the Ed25519 signature. The agent's tests check the same file.
 */
class SignatureVectorTest {
    private final JsonNode vector = read("protocol/signing/signature-vector.json");

    @Test
    void shouldTakeThePayloadBytesAsTheirUtf8Text() {
        assertThat(vector.get("payload").asText().getBytes(StandardCharsets.UTF_8))
                .containsExactly(payload());
    }

    @Test
    void shouldBuildTheExactCanonicalBytesOfTheVector() {
        byte[] canonical = unsigned().canonical(vector.get("topic").asText(), payload());

        assertThat(canonical)
                .containsExactly(
                        HexFormat.of().parseHex(vector.get("canonicalHex").asText()));
        assertThat(new String(canonical, StandardCharsets.UTF_8))
                .isEqualTo(vector.get("canonical").asText())
                .endsWith("\n" + vector.get("payloadSha256").asText());
    }

    @Test
    void shouldSignTheVectorToItsExactSignature() throws GeneralSecurityException {
        PrivateKey key = KeyFactory.getInstance(SigningKeys.ALGORITHM)
                .generatePrivate(new PKCS8EncodedKeySpec(
                        Base64.getDecoder().decode(vector.get("privateKey").asText())));

        SignedMessage signed = unsigned().signedWith(key, vector.get("topic").asText(), payload());

        assertThat(signed)
                .isEqualTo(new SignedMessage(
                        vector.get("keyId").asText(),
                        vector.get("signer").asText(),
                        vector.get("sequence").asLong(),
                        vector.get("horizon").asLong(),
                        vector.get("issuedAt").asLong(),
                        vector.get("expiresAt").asLong(),
                        vector.get("signature").asText()));
        assertThat(SigningKeys.keyId(
                        SigningKeys.decodePublic(vector.get("publicKey").asText())))
                .isEqualTo(vector.get("keyId").asText());
    }

    private SignedMessage unsigned() {
        return SignedMessage.unsigned(
                vector.get("keyId").asText(),
                vector.get("signer").asText(),
                vector.get("sequence").asLong(),
                vector.get("horizon").asLong(),
                vector.get("issuedAt").asLong(),
                vector.get("expiresAt").asLong());
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
