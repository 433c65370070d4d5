package vn.loaxa.live.service;

/**
 * Turns a source's own timeline (the browser's capture timestamps, or the samples an FFmpeg source has sent) into
 * capture instants on the server's clock. The first packet anchors the timeline at its arrival, and the packets that
 * follow keep the spacing of the source's timeline: packets that arrive together (the server was busy, or the network
 * held them) are not stamped together, which would make every receiver skip all but one of them. The anchor moves
 * only when a whole window of packets says so:
 *
 * <ul>
 *   <li>forward by the smallest lateness, when every packet came more than {@link #TOLERATED_LATENESS_MICROS} after
 *       its instant (the source's clock runs slow against the server's, or the source stalled): the receivers hear a
 *       short gap instead of the delay growing;
 *   <li>back by the smallest earliness, when every packet came more than {@link #TOLERATED_EARLINESS_MICROS} before
 *       its instant (the first packet was held up, or the source's clock runs fast): the receivers skip that much
 *       once instead of playing later than they need to. An early packet costs latency only, and a move back costs
 *       every receiver the audio it skips, hence the wider tolerance.
 * </ul>
 */
final class SourceClock {
    static final long WINDOW_MICROS = 2_000_000;
    static final long TOLERATED_LATENESS_MICROS = 80_000;
    static final long TOLERATED_EARLINESS_MICROS = 200_000;

    private long anchor;
    private boolean anchored;
    private long lastCapture = Long.MIN_VALUE;
    private long windowStart;
    private long smallestLateness;
    private long smallestEarliness;

    /** The next packet comes from a new source connection, whose timeline starts afresh. */
    void reanchor() {
        anchored = false;
    }

    /**
     * @param sourceMicros the packet's position on the source's timeline
     * @param arrivalMicros when it arrived, server clock
     * @return the packet's capture instant, server clock, microseconds since the epoch; later than every instant
     *     given out before
     */
    long capture(long sourceMicros, long arrivalMicros) {
        if (!anchored) {
            anchor = Math.max(arrivalMicros, lastCapture + 1) - sourceMicros;
            anchored = true;
            startWindow(arrivalMicros);
        } else {
            long lateness = arrivalMicros - (sourceMicros + anchor);
            smallestLateness = Math.min(smallestLateness, lateness);
            smallestEarliness = Math.min(smallestEarliness, -lateness);
            if (arrivalMicros - windowStart >= WINDOW_MICROS) {
                if (smallestLateness > TOLERATED_LATENESS_MICROS) {
                    anchor += smallestLateness;
                } else if (smallestEarliness > TOLERATED_EARLINESS_MICROS) {
                    anchor -= smallestEarliness;
                }
                startWindow(arrivalMicros);
            }
        }
        long capture = Math.max(sourceMicros + anchor, lastCapture + 1);
        lastCapture = capture;
        return capture;
    }

    private void startWindow(long arrivalMicros) {
        windowStart = arrivalMicros;
        smallestLateness = Long.MAX_VALUE;
        smallestEarliness = Long.MAX_VALUE;
    }
}
