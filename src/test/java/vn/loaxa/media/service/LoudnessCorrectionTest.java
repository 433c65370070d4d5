package vn.loaxa.media.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import vn.loaxa.media.service.GainSearch.Rehearsal;

/** How one written file is judged and aimed again, from its own measurement only. */
class LoudnessCorrectionTest {
    private final TranscodeSettings settings = TranscodeSettings.defaults();
    private final GainPlan start = new GainPlan(12, settings.truePeakDbtp() - GainPlan.LIMITER_CODEC_HEADROOM_DB);
    private final Rehearsal rehearsal = new Rehearsal(new GainPlan(13, start.ceilingDb()), 2, -16.1);

    @Test
    void shouldSettleAFileOnTargetAndUnderTheCeiling() {
        LoudnessCorrection correction = new LoudnessCorrection(start, settings);

        assertThat(correction.judge(rehearsal, -16.4, -2.0)).isTrue();
        assertThat(correction.settled()).isTrue();
        assertThat(correction.encodes()).isEqualTo(1);
    }

    @Test
    void shouldAimAFileThatCameOutTooLoudOffByWhatItsCodecAdded() {
        LoudnessCorrection correction = new LoudnessCorrection(start, settings);

        // the codec kept more high-frequency energy than the rehearsal's loudness predicts: 1.8 LU too loud
        assertThat(correction.judge(rehearsal, -14.3, -4.0)).isFalse();

        assertThat(correction.rehearsalTargetLufs()).isCloseTo(-17.8, within(1e-9));
        assertThat(correction.plan()).isEqualTo(rehearsal.plan());
    }

    @Test
    void shouldLowerTheCeilingOfAFileWhoseTruePeakWentOver() {
        LoudnessCorrection correction = new LoudnessCorrection(start, settings);

        assertThat(correction.judge(rehearsal, -16.0, settings.truePeakDbtp() + 1.0))
                .isFalse();

        assertThat(correction.rehearsalTargetLufs()).isCloseTo(-16.1, within(1e-9));
        assertThat(correction.plan().ceilingDb()).isLessThan(start.ceilingDb() - 1.0);
        assertThat(correction.plan().gainDb()).isEqualTo(rehearsal.plan().gainDb());
    }

    @Test
    void shouldAcceptATruePeakJustOverTheCeilingWithinTheTolerance() {
        LoudnessCorrection correction = new LoudnessCorrection(start, settings);

        assertThat(correction.judge(
                        rehearsal, -16.0, settings.truePeakDbtp() + LoudnessCorrection.PEAK_TOLERANCE_DB / 2))
                .isTrue();
    }

    @Test
    void shouldStopCorrectingAfterTheMostCorrections() {
        LoudnessCorrection correction = new LoudnessCorrection(start, settings);

        for (int pass = 0; pass < LoudnessCorrection.MAX_CORRECTIONS; pass++) {
            assertThat(correction.judge(rehearsal, -12.0, -4.0)).isFalse();
        }

        assertThat(correction.judge(rehearsal, -12.0, -4.0)).isTrue();
        assertThat(correction.encodes()).isEqualTo(LoudnessCorrection.MAX_CORRECTIONS + 1);
    }
}
