package vn.loaxa.live.service;

/**
 * Turns a source's own timeline (the browser's capture timestamps, or the samples an FFmpeg source has sent) into
 * capture instants on the server's clock. The first packet anchors the timeline at its arrival. A packet that
 * arrives earlier than its anchored instant moves the anchor back only for the packets still to come, never before an
 * instant already given out, so capture times only grow. When every packet for a while has come later than its
 * instant (the source's clock runs slow against the server's, or the source stalled), the anchor moves forward by the
 * smallest lateness seen: the agents then hear a short gap instead of the delay growing.
 */
final class SourceClock {
    static final long WINDOW_MICROS = 2_000_000;
    static final long TOLERATED_LATENESS_MICROS = 80_000;

    private long anchor;
    private boolean anchored;
    private long lastCapture = Long.MIN_VALUE;
    private long windowStart;
    private long smallestLateness = Long.MAX_VALUE;

    /** The next packet comes from a new source connection, whose timeline starts afresh. */
    void reanchor() {
        anchored = false;
    }

    /**
     * @param sourceMicros the packet's position on the source's timeline
     * @param arrivalMicros when it arrived, server clock
     * @return the packet's capture instant, server clock, microseconds since the epoch
     */
    long capture(long sourceMicros, long arrivalMicros) {
        if (!anchored) {
            anchor = arrivalMicros - sourceMicros;
            anchored = true;
            windowStart = arrivalMicros;
        }
        long capture = sourceMicros + anchor;
        long lateness = arrivalMicros - capture;
        if (lateness < 0 && capture + lateness > lastCapture) {
            anchor += lateness;
            capture += lateness;
            lateness = 0;
        }
        smallestLateness = Math.min(smallestLateness, lateness);
        if (arrivalMicros - windowStart >= WINDOW_MICROS) {
            if (smallestLateness > TOLERATED_LATENESS_MICROS) {
                anchor += smallestLateness;
                capture += smallestLateness;
            }
            windowStart = arrivalMicros;
            smallestLateness = Long.MAX_VALUE;
        }
        capture = Math.max(capture, lastCapture + 1);
        lastCapture = capture;
        return capture;
    }
}
