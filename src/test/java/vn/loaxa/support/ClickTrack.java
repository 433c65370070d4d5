package vn.loaxa.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * A signal whose clicks can be told apart after any delay: 10 ms bursts of 1 kHz at 48 kHz mono, separated by gaps
 * that all differ, repeating every {@value #LOOP_MS} ms. A click is found where the signal first reaches
 * {@value #THRESHOLD} of full scale after {@value #QUIET_SAMPLES} quiet samples.
 */
public final class ClickTrack {
    public static final int RATE = 48_000;
    public static final double THRESHOLD = 0.1;
    public static final int QUIET_SAMPLES = RATE / 10;
    public static final int LOOP_MS = 4_300;
    /** Where each click starts within a loop; the gaps between them (and across the loop) are 300 to 1,000 ms. */
    static final int[] ONSETS_MS = {100, 400, 800, 1_300, 1_900, 2_600, 3_400};

    private static final double CLICK_SECONDS = 0.010;
    private static final double FREQUENCY = 1_000;
    private static final double AMPLITUDE = 0.5;

    private ClickTrack() {}

    /** Writes {@code loops} repetitions as a 16-bit WAV. */
    public static Path wav(Path file, int loops) {
        int loopSamples = LOOP_MS * RATE / 1000;
        int samples = loops * loopSamples;
        byte[] pcm = new byte[samples * 2];
        for (int loop = 0; loop < loops; loop++) {
            for (int onsetMs : ONSETS_MS) {
                int start = loop * loopSamples + onsetMs * RATE / 1000;
                for (int i = 0; i < CLICK_SECONDS * RATE; i++) {
                    short value = (short)
                            Math.round(Math.sin(2 * Math.PI * FREQUENCY * i / RATE) * AMPLITUDE * Short.MAX_VALUE);
                    pcm[2 * (start + i)] = (byte) value;
                    pcm[2 * (start + i) + 1] = (byte) (value >> 8);
                }
            }
        }
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, samples)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Finds clicks in a stream of samples (full scale 1.0) fed in order, possibly in pieces. */
    public static final class Detector {
        private final List<Long> onsets = new ArrayList<>();
        private long position;
        private long quiet;

        public void accept(double sample) {
            if (Math.abs(sample) >= THRESHOLD) {
                if (quiet >= QUIET_SAMPLES) {
                    onsets.add(position);
                }
                quiet = 0;
            } else {
                quiet++;
            }
            position++;
        }

        /** The sample index of each click's onset, counted from the first sample fed. */
        public List<Long> onsets() {
            return onsets;
        }
    }
}
