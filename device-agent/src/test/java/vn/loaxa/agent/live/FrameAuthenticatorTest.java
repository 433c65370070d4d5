package vn.loaxa.agent.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import vn.loaxa.agent.protocol.Json;

/** The live frame format against docs/protocol/live/frame-vector.json, byte for byte. */
class FrameAuthenticatorTest {

    private final JsonNode vector = vector();
    private final byte[] key = Base64.getDecoder().decode(vector.get("frameKey").asText());
    private final FrameAuthenticator authenticator = new FrameAuthenticator(key);

    @Test
    void shouldBuildTheVectorsAudioFrameByteForByte() {
        JsonNode audio = vector.get("audio");
        byte[] opus = Base64.getDecoder().decode(audio.get("opusBase64").asText());

        byte[] frame = authenticator.seal(
                LiveFrame.Kind.AUDIO,
                audio.get("sequence").asLong(),
                audio.get("captureMicros").asLong(),
                audio.get("samples").asInt(),
                opus);

        assertThat(HexFormat.of().formatHex(frame, 0, FrameAuthenticator.SIGNED_HEADER_BYTES))
                .isEqualTo(audio.get("headerHex").asText());
        assertThat(HexFormat.of()
                        .formatHex(frame, FrameAuthenticator.SIGNED_HEADER_BYTES, FrameAuthenticator.HEADER_BYTES))
                .isEqualTo(audio.get("tagHex").asText());
        assertThat(Base64.getEncoder().encodeToString(frame))
                .isEqualTo(audio.get("frameBase64").asText());
    }

    @Test
    void shouldReadTheVectorsAudioFrame() throws LiveFrameException {
        JsonNode audio = vector.get("audio");

        LiveFrame frame = authenticator.open(bytes(audio));

        assertThat(frame.kind()).isEqualTo(LiveFrame.Kind.AUDIO);
        assertThat(frame.sequence()).isEqualTo(41);
        assertThat(frame.captureMicros()).isEqualTo(1_795_678_200_820_000L);
        assertThat(frame.samples()).isEqualTo(960);
        assertThat(frame.durationMicros()).isEqualTo(20_000);
        assertThat(frame.opus())
                .isEqualTo(Base64.getDecoder().decode(audio.get("opusBase64").asText()));
    }

    @Test
    void shouldBuildAndReadTheVectorsEndFrame() throws LiveFrameException {
        JsonNode end = vector.get("end");

        byte[] sealed = authenticator.seal(
                LiveFrame.Kind.END,
                end.get("sequence").asLong(),
                end.get("captureMicros").asLong(),
                0,
                new byte[0]);
        LiveFrame frame = authenticator.open(bytes(end));

        assertThat(Base64.getEncoder().encodeToString(sealed))
                .isEqualTo(end.get("frameBase64").asText());
        assertThat(HexFormat.of().formatHex(sealed, 0, FrameAuthenticator.SIGNED_HEADER_BYTES))
                .isEqualTo(end.get("headerHex").asText());
        assertThat(frame.isEnd()).isTrue();
        assertThat(frame.sequence()).isEqualTo(1500);
        assertThat(frame.opus()).isEmpty();
    }

    @Test
    void shouldRefuseAFrameWithAFlippedPayloadBitAsForged() {
        byte[] frame = bytes(vector.get("audio"));
        frame[frame.length - 1] ^= 0x01;

        assertThatThrownBy(() -> authenticator.open(frame))
                .isInstanceOf(LiveFrameException.class)
                .matches(e -> ((LiveFrameException) e).isForged());
    }

    @Test
    void shouldRefuseAFrameWithAnAlteredCaptureTimeAsForged() {
        byte[] frame = bytes(vector.get("audio"));
        frame[17] ^= 0x10;

        assertThatThrownBy(() -> authenticator.open(frame)).matches(e -> ((LiveFrameException) e).isForged());
    }

    @Test
    void shouldRefuseAFrameUnderAnotherKey() {
        byte[] otherKey = key.clone();
        otherKey[0] ^= 0x01;

        assertThatThrownBy(() -> new FrameAuthenticator(otherKey).open(bytes(vector.get("audio"))))
                .matches(e -> ((LiveFrameException) e).isForged());
    }

    @Test
    void shouldRefuseATruncatedFrame() {
        byte[] frame = Arrays.copyOf(bytes(vector.get("audio")), FrameAuthenticator.HEADER_BYTES - 1);

        assertThatThrownBy(() -> authenticator.open(frame))
                .hasMessageContaining("shorter than its header")
                .matches(e -> !((LiveFrameException) e).isForged());
    }

    @Test
    void shouldRefuseAFrameCutInItsPayload() {
        byte[] whole = bytes(vector.get("audio"));
        byte[] frame = Arrays.copyOf(whole, whole.length - 10);

        assertThatThrownBy(() -> authenticator.open(frame)).matches(e -> ((LiveFrameException) e).isForged());
    }

    @Test
    void shouldRefuseAnUnknownVersionBeforeCheckingTheTag() {
        byte[] frame = bytes(vector.get("audio"));
        frame[0] = 2;

        assertThatThrownBy(() -> authenticator.open(frame))
                .hasMessageContaining("version 2")
                .matches(e -> !((LiveFrameException) e).isForged());
    }

    @Test
    void shouldRefuseAnAudioFrameWithoutPayloadEvenWhenTagged() {
        byte[] frame = authenticator.seal(LiveFrame.Kind.AUDIO, 1, 1_000, 960, new byte[0]);

        assertThatThrownBy(() -> authenticator.open(frame)).matches(e -> !((LiveFrameException) e).isForged());
    }

    private static byte[] bytes(JsonNode frame) {
        return Base64.getDecoder().decode(frame.get("frameBase64").asText());
    }

    private static JsonNode vector() {
        try (InputStream in =
                FrameAuthenticatorTest.class.getClassLoader().getResourceAsStream("protocol/live/frame-vector.json")) {
            assertThat(in)
                    .as("protocol/live/frame-vector.json on the classpath")
                    .isNotNull();
            return Json.newMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
