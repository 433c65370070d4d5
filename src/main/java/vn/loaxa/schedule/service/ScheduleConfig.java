package vn.loaxa.schedule.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "loaxa.schedule")
public interface ScheduleConfig {
    /** How far ahead of play time manifests go out, so that receivers can prefetch the audio. */
    @WithDefault("PT24H")
    Duration dispatchHorizon();

    /** How late after its play time an occurrence may still start; later it is MISSED. */
    @WithDefault("PT10M")
    Duration lateStartGrace();

    /** IANA time zone of broadcasts that name none. */
    @WithDefault("Asia/Ho_Chi_Minh")
    String defaultTimeZone();

    /** How far ahead equal-priority broadcasts are compared for overlaps. */
    @WithDefault("P14D")
    Duration overlapWindow();

    /** Tolerance for a start time slightly in the past (request latency, clock skew). */
    @WithDefault("PT5S")
    Duration pastStartTolerance();

    /**
     * The two-person rule: an EMERGENCY broadcast waits, undispatched, until an administrator other than the one
     * who created it confirms it ({@code POST /api/v1/broadcasts/{id}/confirm}).
     */
    @WithDefault("false")
    boolean emergencyTwoPersonRule();
}
