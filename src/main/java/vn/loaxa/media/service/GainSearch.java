package vn.loaxa.media.service;

import java.util.function.IntConsumer;
import java.util.function.ToDoubleFunction;

/**
 * Finds the gain that brings the limited signal to a loudness before anything is encoded. Each rehearsal runs only
 * the filter graph and the loudness measurement (a tenth of an encode's cost, {@link R128Meter#measureFiltered}),
 * and the next gain comes from the secant through the last two (gain, loudness) points, since under the limiter one
 * more dB of gain adds less than one LU.
 */
final class GainSearch {
    /** Filter-only passes at most, per search. */
    static final int MAX_REHEARSALS = 6;

    static final double TOLERANCE_LU = 0.2;
    /** While the limiter works, each dB of gain adds well under 1 LU: the first step assumes 2/3 LU per dB. */
    private static final double FIRST_SLOPE = 1 / 1.5;

    private static final double MIN_SLOPE = 0.2;

    private GainSearch() {}

    /**
     * The gain a search settled on (with the ceiling it was given), after how many filter-only passes, and the
     * loudness the last one measured.
     */
    record Rehearsal(GainPlan plan, int passes, double loudness) {}

    /**
     * Searches from {@code first} for the gain at which {@code loudnessOf} (a rehearsal) measures {@code targetLufs}
     * within {@link #TOLERANCE_LU}, or stops after {@link #MAX_REHEARSALS}; {@code afterPass} hears each pass's number.
     */
    static Rehearsal search(
            GainPlan first, double targetLufs, ToDoubleFunction<GainPlan> loudnessOf, IntConsumer afterPass) {
        GainPlan plan = first;
        double previousGain = Double.NaN;
        double previousLoudness = Double.NaN;
        for (int pass = 1; ; pass++) {
            double loudness = loudnessOf.applyAsDouble(plan);
            afterPass.accept(pass);
            double error = targetLufs - loudness;
            if (Math.abs(error) <= TOLERANCE_LU || pass == MAX_REHEARSALS) {
                return new Rehearsal(plan, pass, loudness);
            }
            double slope = Double.isNaN(previousGain) || Math.abs(plan.gainDb() - previousGain) < 1e-6
                    ? FIRST_SLOPE
                    : Math.max(MIN_SLOPE, Math.min(1, (loudness - previousLoudness) / (plan.gainDb() - previousGain)));
            previousGain = plan.gainDb();
            previousLoudness = loudness;
            plan = plan.withGain(plan.gainDb() + error / slope);
        }
    }
}
