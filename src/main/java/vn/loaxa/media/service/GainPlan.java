package vn.loaxa.media.service;

import java.util.Locale;

/**
 * The gain that brings the measured loudness to the target, and the sample-peak ceiling of the limiter, which starts
 * {@link #LIMITER_CODEC_HEADROOM_DB} under the true-peak ceiling (inter-sample peaks, and the peaks the codecs
 * re-synthesise).
 */
record GainPlan(double gainDb, double ceilingDb) {
    /**
     * Low-bitrate Opus re-synthesises peaks up to about 3.6 dB above the limited signal's (measured on peaky speech at
     * 24 kbit/s), so the limiter starts that far under the true-peak ceiling: one encode pass is then usually enough.
     */
    static final double LIMITER_CODEC_HEADROOM_DB = 4.0;
    /** alimiter accepts limits down to 0.0625 (−24 dB). */
    private static final double MIN_LIMIT_DB = -24;
    /** Lowering the ceiling by a little more than the measured excess leaves room for the codec's next variation. */
    private static final double PEAK_CORRECTION_MARGIN_DB = 0.3;

    static GainPlan of(InputAnalysis analysis, TranscodeSettings settings) {
        return new GainPlan(
                settings.targetLufs() - analysis.integratedLufs(), settings.truePeakDbtp() - LIMITER_CODEC_HEADROOM_DB);
    }

    GainPlan withGain(double value) {
        return new GainPlan(value, ceilingDb);
    }

    /** Lowers the ceiling by the true peak a written file had over the target ceiling (nothing when it had none). */
    GainPlan lowered(double peakExcessDb) {
        return peakExcessDb > 0
                ? new GainPlan(gainDb, clamp(ceilingDb - peakExcessDb - PEAK_CORRECTION_MARGIN_DB))
                : this;
    }

    /**
     * atrim cuts the silence found in the first pass; volume applies the gain to the target; alimiter (with its
     * look-ahead delay compensated) holds the peaks under the ceiling; aformat hands mono float to the encoders.
     */
    String filterGraph(InputAnalysis analysis) {
        return String.format(
                Locale.ROOT,
                "atrim=start_sample=%d:end_sample=%d,volume=%.3fdB,"
                        + "alimiter=limit=%.5f:attack=5:release=50:level=0:latency=1,"
                        + "aresample=%d,aformat=sample_fmts=flt:channel_layouts=mono",
                analysis.start(),
                analysis.end(),
                gainDb,
                Math.pow(10, clamp(ceilingDb) / 20),
                AudioInput.SAMPLE_RATE);
    }

    private static double clamp(double limitDb) {
        return Math.max(MIN_LIMIT_DB, Math.min(0, limitDb));
    }
}
