package vn.loaxa.media.service;

import vn.loaxa.media.service.GainSearch.Rehearsal;

/**
 * One distribution file's way to the loudness target and under the true-peak ceiling. Each codec moves the loudness
 * of what it is given its own way (24 kbit/s Opus drops much of the high-frequency energy of wideband noise, which
 * the K-weighting counts, while 64 kbit/s MP3 keeps more of it) and brings some peaks back, so every file is judged by
 * its own measurement. When it misses the target by more than {@link #THRESHOLD_LU} or the ceiling by more than
 * {@link #PEAK_TOLERANCE_DB}, its next gain search aims off by the shift its codec made, and its limiter ceiling is
 * lowered by the excess, at most {@link #MAX_CORRECTIONS} times.
 */
final class LoudnessCorrection {
    /** A written file further than this from the target gets one more encode pass with corrected targets. */
    static final double THRESHOLD_LU = 0.5;
    /**
     * A true peak this little over the configured ceiling does not cost another encode: the default ceiling
     * (−1.5 dBTP) already keeps half a dB under the brief's −1 dBTP.
     */
    static final double PEAK_TOLERANCE_DB = 0.2;

    static final int MAX_CORRECTIONS = 3;

    private final TranscodeSettings settings;
    private GainPlan plan;
    private double rehearsalTargetLufs;
    private int encodes;
    private boolean settled;

    LoudnessCorrection(GainPlan first, TranscodeSettings settings) {
        this.settings = settings;
        this.plan = first;
        this.rehearsalTargetLufs = settings.targetLufs();
    }

    /** Where the next gain search starts. */
    GainPlan plan() {
        return plan;
    }

    /** The loudness the next gain search aims the filtered (not yet encoded) signal at. */
    double rehearsalTargetLufs() {
        return rehearsalTargetLufs;
    }

    /** Whether the file needs no more encode passes. */
    boolean settled() {
        return settled;
    }

    int encodes() {
        return encodes;
    }

    /**
     * Judges the file just encoded from {@code rehearsal}'s plan by what it measured; unless it is on target, or out
     * of corrections, aims the next pass.
     *
     * @return whether the file is final
     */
    boolean judge(Rehearsal rehearsal, double writtenLufs, double writtenTruePeakDbtp) {
        encodes++;
        double peakExcess = writtenTruePeakDbtp - settings.truePeakDbtp();
        settled = encodes > MAX_CORRECTIONS
                || (Math.abs(settings.targetLufs() - writtenLufs) <= THRESHOLD_LU && peakExcess <= PEAK_TOLERANCE_DB);
        if (!settled) {
            // the codec shifted the loudness and brought peaks back: aim the next rehearsal off by what it did
            rehearsalTargetLufs = settings.targetLufs() + rehearsal.loudness() - writtenLufs;
            plan = rehearsal.plan().lowered(peakExcess);
        }
        return settled;
    }
}
