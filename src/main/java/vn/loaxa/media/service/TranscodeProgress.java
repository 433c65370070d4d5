package vn.loaxa.media.service;

import java.time.Duration;
import java.util.function.IntConsumer;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.media.service.UndecodableMediaException.Reason;

/**
 * One transcode's progress and time limit: reports whole percentages, never going back, and ignores repeats. The
 * deadline may be checked from any thread; reports come from the transcoding thread only.
 */
final class TranscodeProgress {
    /** Where each stage ends, in percent. */
    static final int ANALYSIS_END = 25;

    static final int GAIN_SEARCH_END = 35;
    static final int ENCODE_END = 95;

    private final IntConsumer listener;
    private final Duration limit;
    private final long deadlineNanos;
    private int reported = -1;

    TranscodeProgress(IntConsumer listener, Duration limit) {
        this.listener = listener;
        this.limit = limit;
        this.deadlineNanos = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
    }

    /** Stops a file that takes far longer to decode than audio should (a damaged or crafted file). */
    void checkDeadline() {
        if (System.nanoTime() > deadlineNanos) {
            throw new UndecodableMediaException(Reason.TOO_SLOW, ErrorMessage.of("media.too-slow", limit.toSeconds()));
        }
    }

    void fraction(int from, int to, double done) {
        report(from + (int) ((to - from) * Math.max(0, Math.min(1, done))));
    }

    void report(int percent) {
        if (percent > reported) {
            reported = percent;
            listener.accept(percent);
        }
    }
}
