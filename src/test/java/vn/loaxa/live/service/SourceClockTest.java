package vn.loaxa.live.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceClockTest {
    private static final long FRAME = 20_000;
    private static final long START = 1_800_000_000_000_000L;

    private final SourceClock clock = new SourceClock();

    @Test
    void shouldKeepTheSourcesSpacingForPacketsThatArriveTogether() {
        // the server was busy: the first packet is read 100 ms after its capture, the five queued behind it at once
        List<Long> stamps = new ArrayList<>();
        stamps.add(clock.capture(0, START + 100_000));
        for (int packet = 1; packet <= 5; packet++) {
            stamps.add(clock.capture(packet * FRAME, START + 101_000 + packet));
        }

        assertThat(stamps)
                .containsExactly(
                        START + 100_000,
                        START + 120_000,
                        START + 140_000,
                        START + 160_000,
                        START + 180_000,
                        START + 200_000);
    }

    @Test
    void shouldStampPacketsOnTheSourcesTimelineFromTheFirstArrival() {
        assertThat(clock.capture(500_000, START)).isEqualTo(START);
        assertThat(clock.capture(520_000, START + 20_300)).isEqualTo(START + 20_000);
        assertThat(clock.capture(540_000, START + 39_000)).isEqualTo(START + 40_000);
    }

    @Test
    void shouldMoveForwardOnceEveryPacketOfAWindowCameLate() {
        long first = clock.capture(0, START);
        // the source stalls for 300 ms, then runs on time again: 300 ms late against the first anchor
        Packet last = sendOnTime(first, START + 320_000, START + 5_000_000);

        assertThat(last.stamp())
                .as("the last packet's stamp against its arrival")
                .isEqualTo(last.arrival());
    }

    @Test
    void shouldMoveBackOnceWhenTheFirstPacketWasHeldUpBeyondTheTolerance() {
        // the first packet came 300 ms after its capture, every later one on time
        long first = clock.capture(0, START + 300_000);
        Packet last = sendOnTime(first, START + FRAME, START + 3_000_000);

        assertThat(last.stamp())
                .as("the last packet's stamp against its arrival")
                .isEqualTo(last.arrival());
    }

    @Test
    void shouldKeepALatenessOfTheFirstPacketWithinTheTolerance() {
        clock.capture(0, START + 150_000);
        long source = 0;
        long stamp = 0;
        for (long arrival = START + FRAME; arrival < START + 3 * SourceClock.WINDOW_MICROS; arrival += FRAME) {
            source += FRAME;
            stamp = clock.capture(source, arrival);
        }

        assertThat(stamp).isEqualTo(START + 150_000 + source);
    }

    @Test
    void shouldNeverStampBeforeAnInstantAlreadyGivenOut() {
        long stamp = clock.capture(0, START);
        for (int packet = 1; packet < 10; packet++) {
            stamp = clock.capture(packet * FRAME, START + packet * FRAME);
        }
        // a source that connects again starts its own timeline, and its first packet is read before the last
        // stamp given out
        clock.reanchor();

        assertThat(clock.capture(0, START)).isGreaterThan(stamp);
        assertThat(clock.capture(FRAME, START + FRAME)).isGreaterThan(stamp);
    }

    private record Packet(long arrival, long stamp) {}

    /**
     * After the first packet (source position 0), one packet a frame from {@code from} until {@code until}, each
     * arriving a frame after the last; checks that the stamps grow and returns the last packet.
     */
    private Packet sendOnTime(long firstStamp, long from, long until) {
        Packet last = new Packet(0, firstStamp);
        long source = 0;
        for (long arrival = from; arrival < until; arrival += FRAME) {
            source += FRAME;
            long stamp = clock.capture(source, arrival);
            assertThat(stamp).isGreaterThan(last.stamp());
            last = new Packet(arrival, stamp);
        }
        return last;
    }
}
