package vn.loaxa.agent.playback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.protocol.Json;
import vn.loaxa.agent.support.OpusPackets;

class OpusDecoderTest {

    private static final int SAMPLES_PER_PACKET = 960;

    @TempDir
    Path dir;

    @Test
    void shouldDecodeTheVectorsPacketTo960Samples() throws Exception {
        JsonNode vector;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("protocol/live/frame-vector.json")) {
            vector = Json.newMapper().readTree(in);
        }
        byte[] opus =
                Base64.getDecoder().decode(vector.get("audio").get("opusBase64").asText());

        try (OpusDecoder decoder = new OpusDecoder()) {
            assertThat(decoder.decode(opus)).hasSize(SAMPLES_PER_PACKET * PcmFormat.BYTES_PER_SAMPLE);
        }
    }

    @Test
    void shouldDecodeEveryPacketOfARealToneTo960AudibleSamples() throws Exception {
        List<byte[]> packets = OpusPackets.tone(dir, 0.5);
        assertThat(packets).hasSizeGreaterThanOrEqualTo(20);

        int peak = 0;
        try (OpusDecoder decoder = new OpusDecoder()) {
            for (byte[] packet : packets) {
                byte[] pcm = decoder.decode(packet);
                assertThat(pcm).hasSize(SAMPLES_PER_PACKET * PcmFormat.BYTES_PER_SAMPLE);
                peak = Math.max(peak, peak(pcm));
            }
        }
        assertThat(peak).as("a 0.3 full-scale tone").isBetween(5_000, 15_000);
    }

    private static int peak(byte[] pcm) {
        int peak = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            peak = Math.max(peak, Math.abs((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8))));
        }
        return peak;
    }
}
