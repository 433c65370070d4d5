package vn.loaxa.report.service;

import java.time.Duration;
import java.time.OffsetDateTime;

/** How long a play lasted, as the reports count it. */
final class PlayedSeconds {
    private PlayedSeconds() {}

    /** Seconds actually played if the receiver reported start and end, else the duration of the audio. */
    static long of(OffsetDateTime startedAt, OffsetDateTime finishedAt, Long durationMs) {
        if (startedAt != null && finishedAt != null && !finishedAt.isBefore(startedAt)) {
            return Math.round(Duration.between(startedAt, finishedAt).toMillis() / 1000.0);
        }
        return durationMs == null ? 0 : Math.round(durationMs / 1000.0);
    }
}
