package vn.loaxa.media.service;

import java.util.Arrays;

/**
 * EBU R128 / ITU-R BS.1770-4 loudness of mono 48 kHz audio fed incrementally: integrated loudness (400 ms blocks,
 * 75 % overlap, absolute gate −70 LUFS, relative gate −10 LU), its relative gate, loudness range (EBU Tech 3342)
 * and a 4× oversampled true peak. Not thread-safe; one instance per stream.
 */
public final class LoudnessMeter {

    public static final int SAMPLE_RATE = 48_000;

    private static final int SUB_BLOCK = SAMPLE_RATE / 10; // 100 ms: the hop of both block kinds
    private static final int MOMENTARY_SUB_BLOCKS = 4; // 400 ms gating block
    private static final int SHORT_TERM_SUB_BLOCKS = 30; // 3 s window for loudness range
    private static final double ABSOLUTE_GATE_LUFS = -70.0;
    private static final double RELATIVE_GATE_LU = -10.0;
    private static final double LRA_RELATIVE_GATE_LU = -20.0;

    // K-weighting at 48 kHz, BS.1770-4 table 1 (shelving) and table 2 (RLB high-pass)
    private final Biquad shelf =
            new Biquad(1.53512485958697, -2.69169618940638, 1.19839281085285, -1.69065929318241, 0.73248077421585);
    private final Biquad highPass = new Biquad(1.0, -2.0, 1.0, -1.99004745483398, 0.99007225036621);
    private final TruePeakDetector truePeak = new TruePeakDetector();

    private double[] subBlockEnergy = new double[64];
    private int subBlocks;
    private double currentEnergy;
    private int currentCount;
    private long sampleCount;

    public void accept(float[] samples, int n) {
        if (n < 0 || n > samples.length) {
            throw new IllegalArgumentException("n must be within [0, " + samples.length + "], got " + n);
        }
        for (int i = 0; i < n; i++) {
            double x = samples[i];
            truePeak.accept(x);
            double k = highPass.filter(shelf.filter(x));
            currentEnergy += k * k;
            if (++currentCount == SUB_BLOCK) {
                appendSubBlock(currentEnergy);
                currentEnergy = 0;
                currentCount = 0;
            }
        }
        sampleCount += n;
    }

    /**
     * Forgets the 100 ms sub-blocks that start at or after {@code samples}, so that the figures describe only the
     * first {@code samples} samples, as if the audio had been cut there (the last, incomplete sub-block is dropped,
     * just as it would be at the real end of the audio). The true peak and {@link #sampleCount()} are unchanged.
     */
    void discardAfter(long samples) {
        subBlocks = (int) Math.min(subBlocks, samples / SUB_BLOCK);
    }

    public long sampleCount() {
        return sampleCount;
    }

    /** Integrated loudness in LUFS; negative infinity when nothing is above the absolute gate. */
    public double integratedLufs() {
        double[] blocks = meanSquares(MOMENTARY_SUB_BLOCKS);
        double relativeGate = relativeGate(blocks);
        return loudness(gatedMean(blocks, Math.max(relativeGate, ABSOLUTE_GATE_LUFS)));
    }

    /** The relative gate (absolute-gated mean minus 10 LU) in LUFS; negative infinity for silence. */
    public double relativeGateLufs() {
        return relativeGate(meanSquares(MOMENTARY_SUB_BLOCKS));
    }

    /** Loudness range in LU (EBU Tech 3342); 0 when the audio is shorter than one 3 s window or silent. */
    public double loudnessRangeLu() {
        double[] windows = meanSquares(SHORT_TERM_SUB_BLOCKS);
        double absoluteGated = gatedMean(windows, ABSOLUTE_GATE_LUFS);
        if (absoluteGated == 0) {
            return 0;
        }
        double gate = Math.max(loudness(absoluteGated) + LRA_RELATIVE_GATE_LU, ABSOLUTE_GATE_LUFS);
        double[] kept = Arrays.stream(windows)
                .map(LoudnessMeter::loudness)
                .filter(l -> l > gate)
                .sorted()
                .toArray();
        if (kept.length == 0) {
            return 0;
        }
        return percentile(kept, 0.95) - percentile(kept, 0.10);
    }

    /** Largest absolute sample value in dBFS. */
    public double samplePeakDbfs() {
        return 20 * Math.log10(truePeak.samplePeak());
    }

    /** 4× oversampled true peak in dBTP, never below the sample peak. */
    public double truePeakDbtp() {
        return 20 * Math.log10(truePeak.truePeak());
    }

    private void appendSubBlock(double energy) {
        if (subBlocks == subBlockEnergy.length) {
            subBlockEnergy = Arrays.copyOf(subBlockEnergy, subBlocks * 2);
        }
        subBlockEnergy[subBlocks++] = energy;
    }

    /** Mean squares of all complete windows of {@code width} sub-blocks, stepping one sub-block. */
    private double[] meanSquares(int width) {
        int count = Math.max(0, subBlocks - width + 1);
        double[] result = new double[count];
        double running = 0;
        for (int i = 0; i < subBlocks; i++) {
            running += subBlockEnergy[i];
            if (i >= width) {
                running -= subBlockEnergy[i - width];
            }
            if (i >= width - 1) {
                result[i - width + 1] = Math.max(0, running) / ((double) width * SUB_BLOCK);
            }
        }
        return result;
    }

    private static double relativeGate(double[] blocks) {
        return loudness(gatedMean(blocks, ABSOLUTE_GATE_LUFS)) + RELATIVE_GATE_LU;
    }

    /** Mean of the mean squares whose loudness is above {@code gateLufs}; 0 when none is. */
    private static double gatedMean(double[] meanSquares, double gateLufs) {
        double sum = 0;
        int n = 0;
        for (double z : meanSquares) {
            if (loudness(z) > gateLufs) {
                sum += z;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    private static double loudness(double meanSquare) {
        return -0.691 + 10 * Math.log10(meanSquare);
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.round(p * (sorted.length - 1))];
    }

    /** Transposed direct form II biquad, a0 = 1. */
    private static final class Biquad {
        private final double b0, b1, b2, a1, a2;
        private double z1, z2;

        Biquad(double b0, double b1, double b2, double a1, double a2) {
            this.b0 = b0;
            this.b1 = b1;
            this.b2 = b2;
            this.a1 = a1;
            this.a2 = a2;
        }

        double filter(double x) {
            double y = b0 * x + z1;
            z1 = b1 * x - a1 * y + z2;
            z2 = b2 * x - a2 * y;
            return y;
        }
    }
}
