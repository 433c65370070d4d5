package vn.loaxa.agent.live;

import java.util.concurrent.TimeUnit;

/**
 * One authenticated frame of a live session: an Opus packet with its place in the session, or the session's end
 * (docs/protocol.md, "Frames"). Build one with {@link FrameAuthenticator#open}.
 *
 * @param kind          audio or end of session
 * @param sequence      0 for the session's first frame, one more for each frame after it
 * @param captureMicros capture time, microseconds since the epoch, server clock
 * @param samples       samples at 48 kHz in the frame; 0 for the end
 * @param opus          one Opus packet; empty for the end
 */
public record LiveFrame(Kind kind, long sequence, long captureMicros, int samples, byte[] opus) {

    /** The frame kinds of version 1. */
    public enum Kind {
        AUDIO,
        END
    }

    /** Samples per second of every frame. */
    public static final int SAMPLE_RATE = 48_000;
    /** The samples of a 20 ms frame, the default frame length. */
    public static final int DEFAULT_SAMPLES = 960;

    public boolean isEnd() {
        return kind == Kind.END;
    }

    /** The frame's length on the clock, in microseconds. */
    public long durationMicros() {
        return durationMicros(samples);
    }

    /** The length of {@code samples} samples at 48 kHz, in microseconds. */
    public static long durationMicros(int samples) {
        return samples * TimeUnit.SECONDS.toMicros(1) / SAMPLE_RATE;
    }
}
