package vn.loaxa.media.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import vn.loaxa.media.service.GainSearch.Rehearsal;

/** The gain search alone, against a model of a limited signal instead of FFmpeg. */
class GainSearchTest {
    private static final GainPlan START = new GainPlan(10, -5.5);

    @Test
    void shouldStopAtOnceWhenTheFirstGainMeetsTheTarget() {
        Rehearsal rehearsal = GainSearch.search(START, -16, plan -> -26 + plan.gainDb() - 0.1, pass -> {});

        assertThat(rehearsal.passes()).isEqualTo(1);
        assertThat(rehearsal.plan()).isEqualTo(START);
        assertThat(rehearsal.loudness()).isEqualTo(-16.1);
    }

    @Test
    void shouldRaiseTheGainUntilTheLimitedSignalReachesTheTarget() {
        // each dB of gain adds half an LU once the limiter works
        ToDoubleFunction<GainPlan> limited = plan -> -26 + 0.5 * plan.gainDb();
        List<Integer> passes = new ArrayList<>();

        Rehearsal rehearsal = GainSearch.search(START, -16, limited, passes::add);

        assertThat(rehearsal.loudness()).isCloseTo(-16, within(GainSearch.TOLERANCE_LU));
        assertThat(rehearsal.plan().gainDb()).isCloseTo(20, within(0.4));
        assertThat(rehearsal.plan().ceilingDb()).isEqualTo(START.ceilingDb());
        assertThat(passes).startsWith(1, 2).isSorted().hasSize(rehearsal.passes());
        assertThat(rehearsal.passes()).isLessThanOrEqualTo(3);
    }

    @Test
    void shouldGiveUpAfterTheMostRehearsalsWhenTheLoudnessCannotMove() {
        Rehearsal rehearsal = GainSearch.search(START, -16, plan -> -30, pass -> {});

        assertThat(rehearsal.passes()).isEqualTo(GainSearch.MAX_REHEARSALS);
        assertThat(rehearsal.loudness()).isEqualTo(-30);
    }
}
