package vn.loaxa.dispatch.mqtt;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Notices when the inbound thread has held one message for longer than a limit. Receiver messages are handled one at
 * a time, so a message that never finishes (a database that does not answer, a lock) silently stops every later
 * one; this says so, once per message, with the topic and where the thread waits.
 */
final class InboundStallWatch {
    private static final long IDLE = Long.MIN_VALUE;
    private static final int FRAMES = 25;

    private final long limitNanos;
    private final LongSupplier nanoClock;
    private volatile long startedAt = IDLE;
    private volatile String topic;
    private volatile Thread worker;
    private long reportedFor = IDLE;

    InboundStallWatch(Duration limit, LongSupplier nanoClock) {
        this.limitNanos = limit.toNanos();
        this.nanoClock = nanoClock;
    }

    /** On the inbound thread, before handling a message. */
    void begin(String topic) {
        this.worker = Thread.currentThread();
        this.topic = topic;
        this.startedAt = nanoClock.getAsLong();
    }

    /** On the inbound thread, after handling it, however it ended. */
    void end() {
        startedAt = IDLE;
    }

    /** From a watching thread: a description of the message in hand if it is over the limit and not yet reported. */
    Optional<String> check() {
        long started = startedAt;
        if (started == IDLE || started == reportedFor || nanoClock.getAsLong() - started < limitNanos) {
            return Optional.empty();
        }
        reportedFor = started;
        Thread thread = worker;
        String stack = thread == null
                ? ""
                : Arrays.stream(thread.getStackTrace())
                        .limit(FRAMES)
                        .map(frame -> "\tat " + frame)
                        .collect(Collectors.joining("\n"));
        return Optional.of("The message on '" + topic + "' has been in hand for over "
                + Duration.ofNanos(limitNanos).toSeconds() + " s; later receiver messages wait behind it. "
                + (thread == null ? "" : thread.getName() + " (" + thread.getState() + "):\n" + stack));
    }
}
