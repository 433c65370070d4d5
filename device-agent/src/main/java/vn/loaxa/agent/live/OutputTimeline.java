package vn.loaxa.agent.live;

import java.util.concurrent.TimeUnit;

/**
 * When the output will play what is written to it next, on the server clock, as a sound card does: after everything
 * written before, or at once if it ran dry. Each write is placed on its due time: output more than
 * {@link #ALIGN_TOLERANCE_MICROS} behind it loses the samples it is behind, output that would start early gets
 * silence first. One per run of a {@link LivePlayout}.
 */
final class OutputTimeline {

    /**
     * How far the output may be off a frame's due time before samples are cut or silence is added: the server's
     * stamps jitter by a few hundred microseconds, which is not worth a cut in the audio.
     */
    static final long ALIGN_TOLERANCE_MICROS = 2_000;

    /** Where a write goes: samples cut from its start, and silent samples put before it. */
    record Placement(int cutSamples, int silentSamples) {}

    /** When the output will have played everything written so far; 0 before the first write. */
    private long untilMicros;

    /** When the output will play a sample written at {@code nowMicros}. */
    long heardAtMicros(long nowMicros) {
        return Math.max(nowMicros, untilMicros);
    }

    /** Places a write of {@code samples} whose first sample is due at {@code dueMicros}, and moves on past it. */
    Placement place(long nowMicros, long dueMicros, int samples) {
        long heardAt = heardAtMicros(nowMicros);
        long offMicros = heardAt - dueMicros;
        int cut = 0;
        int silent = 0;
        if (offMicros > ALIGN_TOLERANCE_MICROS) {
            cut = Math.min(samples, samplesOf(offMicros));
        } else if (offMicros < -ALIGN_TOLERANCE_MICROS) {
            silent = samplesOf(-offMicros);
        }
        untilMicros = heardAt + LiveFrame.durationMicros(silent + samples - cut);
        return new Placement(cut, silent);
    }

    private static int samplesOf(long micros) {
        return (int) (micros * LiveFrame.SAMPLE_RATE / TimeUnit.SECONDS.toMicros(1));
    }
}
