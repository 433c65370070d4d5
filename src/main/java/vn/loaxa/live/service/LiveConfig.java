package vn.loaxa.live.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "loaxa.live")
public interface LiveConfig {
    /**
     * How long after its capture every receiver plays a frame. It covers the path from the microphone to the
     * farthest agent and that agent's jitter; docs/performance.md (P8) shows how the default was chosen.
     */
    @WithDefault("400ms")
    Duration playoutDelay();

    /**
     * How long after the announcement went out a source waits before it sends: the time the receivers take to read
     * the manifest and subscribe to the session's topic, so that its first words are heard (P8).
     */
    @WithDefault("1s")
    Duration joinMargin();

    /** The longest a live session may last; it ends there even if the person goes on speaking. */
    @WithDefault("PT2H")
    Duration maxDuration();

    /** A session whose source has sent nothing for this long ends, and the receivers stop. */
    @WithDefault("PT10S")
    Duration sourceTimeout();
}
