package vn.loaxa.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * What the live page's capture received from the microphone, watched from outside the page: before the page opens
 * the microphone, a listener is added to the capture worklet's port (next to the page's own) that notes, for every
 * message, how many samples the page has received so far and when (host clock, {@code performance.timeOrigin +
 * performance.now()}), and where the {@link ClickTrack} clicks start on that sample count, which is the timeline
 * the page stamps its packets with; and the encoder's output is wrapped to note each Opus packet's timestamp on that
 * timeline and when the page had it. The page sends every packet on its socket in that order, so the server's
 * sequence {@code n} is packet {@code n} here. live.js is not changed.
 *
 * <p>A sample's glass instant is when the page received it from the capture device: the sample count pinned to the
 * earliest delivery within a second either side (a later delivery only means the page's thread was busy).
 */
public final class BrowserCapture {
    private static final String WATCH = """
            const capture = { onsets: [], deliveries: [], packets: [] };
            window.loaxaBenchmarkCapture = capture;
            const Base = window.AudioWorkletNode;
            window.AudioWorkletNode = class extends Base {
              constructor(context, name, options) {
                super(context, name, options);
                let received = 0;
                let quiet = 0;
                this.port.addEventListener('message', (event) => {
                  const at = performance.timeOrigin + performance.now();
                  const samples = event.data;
                  for (let i = 0; i < samples.length; i++) {
                    if (Math.abs(samples[i]) >= %s) {
                      if (quiet >= %d) capture.onsets.push(received + i);
                      quiet = 0;
                    } else {
                      quiet++;
                    }
                  }
                  received += samples.length;
                  capture.deliveries.push(received, at);
                });
              }
            };
            const Encoder = window.AudioEncoder;
            window.AudioEncoder = class extends Encoder {
              constructor(init) {
                super(Object.assign({}, init, {
                  output: (chunk, metadata) => {
                    capture.packets.push(chunk.timestamp, performance.timeOrigin + performance.now());
                    init.output(chunk, metadata);
                  }
                }));
              }
            };
            """.formatted(ClickTrack.THRESHOLD, ClickTrack.QUIET_SAMPLES);

    private final List<Long> onsets;
    private final long[] receivedCounts;
    private final long[] receivedAtMicros;
    private final List<Packet> packets;

    /** One Opus packet: its first sample on the capture's timeline, and when the encoder handed it to the page. */
    public record Packet(long firstSample, long encodedAtMicros) {}

    private BrowserCapture(List<Long> onsets, long[] receivedCounts, long[] receivedAtMicros, List<Packet> packets) {
        this.onsets = onsets;
        this.receivedCounts = receivedCounts;
        this.receivedAtMicros = receivedAtMicros;
        this.packets = packets;
    }

    /** Starts watching; call on the live page before it opens the microphone. */
    public static void watch(WebDriver driver) {
        ((JavascriptExecutor) driver).executeScript(WATCH);
    }

    /** What was received so far. */
    @SuppressWarnings("unchecked")
    public static BrowserCapture read(WebDriver driver) {
        Map<String, List<Number>> capture = (Map<String, List<Number>>)
                ((JavascriptExecutor) driver).executeScript("return window.loaxaBenchmarkCapture");
        List<Number> deliveries = capture.get("deliveries");
        long[] counts = new long[deliveries.size() / 2];
        long[] at = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = deliveries.get(2 * i).longValue();
            at[i] = Math.round(deliveries.get(2 * i + 1).doubleValue() * 1000);
        }
        List<Number> encoded = capture.get("packets");
        List<Packet> packets = new ArrayList<>();
        for (int i = 0; i + 1 < encoded.size(); i += 2) {
            packets.add(new Packet(
                    Math.round(encoded.get(i).doubleValue() * ClickTrack.RATE / 1e6),
                    Math.round(encoded.get(i + 1).doubleValue() * 1000)));
        }
        return new BrowserCapture(
                capture.get("onsets").stream().map(Number::longValue).toList(), counts, at, packets);
    }

    /**
     * How far the page's clock ({@code performance.timeOrigin + performance.now()}) is ahead of this JVM's, in
     * microseconds, and the uncertainty: half the round trip of asking.
     */
    public static long[] clockOffsetMicros(WebDriver driver) {
        long before = nowMicros();
        double page = ((Number) ((JavascriptExecutor) driver)
                        .executeScript("return performance.timeOrigin + performance.now()"))
                .doubleValue();
        long after = nowMicros();
        return new long[] {Math.round(page * 1000) - (before + after) / 2, (after - before) / 2};
    }

    /** The Opus packets in the order the page sent them: packet {@code n} is the server's sequence {@code n}. */
    public List<Packet> packets() {
        return packets;
    }

    /** The sample count at which each click starts. */
    public List<Long> onsets() {
        return onsets;
    }

    /** When the page received sample {@code sample} from the capture device, host clock, microseconds. */
    public long glassMicros(long sample) {
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < receivedCounts.length; i++) {
            long samplesAfter = receivedCounts[i] - 1 - sample;
            if (Math.abs(samplesAfter) <= ClickTrack.RATE) {
                earliest = Math.min(earliest, receivedAtMicros[i] - micros(samplesAfter));
            }
        }
        return earliest;
    }

    /** Messages from the worklet, and the samples they carried. */
    public String summary() {
        return receivedCounts.length + " worklet messages, "
                + (receivedCounts.length == 0 ? 0 : receivedCounts[receivedCounts.length - 1]) + " samples, "
                + onsets.size() + " clicks, " + packets.size() + " Opus packets";
    }

    private static long micros(long samples) {
        return samples * 1_000_000 / ClickTrack.RATE;
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
