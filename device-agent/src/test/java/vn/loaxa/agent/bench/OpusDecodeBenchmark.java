package vn.loaxa.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.playback.OpusDecoder;
import vn.loaxa.agent.support.OpusPackets;

/**
 * What decoding a live session costs one receiver: the CPU time of {@link OpusDecoder} per 20 ms packet of a 440 Hz
 * tone (32 kbit/s, as the command-line source sends), over 60 s of audio after 10 s of warm-up, on one thread. Its
 * baseline is the packet's own duration: the share of one core a receiver spends decoding in real time, and so the
 * number of streams one core could decode. Run with
 * {@code mvn -B -f device-agent test -Pbenchmark -Dtest=OpusDecodeBenchmark}.
 */
class OpusDecodeBenchmark {

    private static final double WARM_UP_SECONDS = 10;
    private static final double MEASURED_SECONDS = 60;
    private static final double PACKET_MICROS = 20_000;

    @TempDir
    Path dir;

    @Test
    void measureDecodeCostPerPacket() throws Exception {
        List<byte[]> warmUp = OpusPackets.tone(dir, WARM_UP_SECONDS);
        List<byte[]> measured = OpusPackets.tone(dir, MEASURED_SECONDS);
        try (OpusDecoder decoder = new OpusDecoder()) {
            for (byte[] packet : warmUp) {
                decoder.decode(packet);
            }
            long cpuBefore = cpuNanos();
            long bytes = 0;
            for (byte[] packet : measured) {
                bytes += decoder.decode(packet).length;
            }
            double microsPerPacket = (cpuNanos() - cpuBefore) / 1e3 / measured.size();
            System.out.printf(
                    "Opus decode: %d packets of 20 ms, %.1f µs of CPU each, %.2f %% of one core in real time;"
                            + " one core decodes %.0f streams at most%n",
                    measured.size(),
                    microsPerPacket,
                    100 * microsPerPacket / PACKET_MICROS,
                    PACKET_MICROS / microsPerPacket);
            assertThat(bytes).isPositive();
        }
    }

    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
