package vn.loaxa.media.service;

/**
 * Estimates the true peak of a mono signal by 4× polyphase interpolation (12 taps per phase, like the 48-tap
 * filter of BS.1770-4 annex 2), here a Kaiser-windowed sinc.
 */
final class TruePeakDetector {

    private static final int PHASES = 4;
    private static final int TAPS_PER_PHASE = 12;
    private static final double[][] PHASE_TAPS = designPhases();
    /** Upper bound of |interpolated| / max|input in window|, used to skip samples that cannot raise the peak. */
    private static final double MAX_PHASE_GAIN = maxAbsPhaseGain();

    private final double[] history = new double[2 * TAPS_PER_PHASE]; // mirrored ring: contiguous reads
    private int position;
    private int samplesSinceLoud = TAPS_PER_PHASE;
    private double samplePeak;
    private double truePeak;

    void accept(double x) {
        double magnitude = Math.abs(x);
        if (magnitude > samplePeak) {
            samplePeak = magnitude;
        }
        position = position == 0 ? TAPS_PER_PHASE - 1 : position - 1;
        history[position] = x;
        history[position + TAPS_PER_PHASE] = x;
        samplesSinceLoud = magnitude * MAX_PHASE_GAIN > truePeak ? 0 : samplesSinceLoud + 1;
        if (samplesSinceLoud >= TAPS_PER_PHASE) {
            return;
        }
        for (double[] taps : PHASE_TAPS) {
            double y = 0;
            for (int j = 0; j < TAPS_PER_PHASE; j++) {
                y += taps[j] * history[position + j];
            }
            double m = Math.abs(y);
            if (m > truePeak) {
                truePeak = m;
            }
        }
    }

    double samplePeak() {
        return samplePeak;
    }

    double truePeak() {
        return Math.max(truePeak, samplePeak);
    }

    private static double[][] designPhases() {
        int length = PHASES * TAPS_PER_PHASE;
        double centre = (length - 1) / 2.0;
        double beta = 6.0;
        double[][] phases = new double[PHASES][TAPS_PER_PHASE];
        for (int k = 0; k < length; k++) {
            double t = (k - centre) / PHASES;
            double sinc = t == 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
            double r = (k - centre) / centre;
            double window = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / besselI0(beta);
            phases[k % PHASES][k / PHASES] = sinc * window;
        }
        for (double[] phase : phases) {
            double sum = 0;
            for (double h : phase) {
                sum += h;
            }
            for (int j = 0; j < phase.length; j++) {
                phase[j] /= sum;
            }
        }
        return phases;
    }

    private static double maxAbsPhaseGain() {
        double max = 0;
        for (double[] phase : PHASE_TAPS) {
            double sum = 0;
            for (double h : phase) {
                sum += Math.abs(h);
            }
            max = Math.max(max, sum);
        }
        return max;
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
        }
        return sum;
    }
}
