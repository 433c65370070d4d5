package vn.loaxa.dispatch.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How a dispatch whose manifests could not be published is tried again. */
@ConfigMapping(prefix = "loaxa.dispatch.publish-retry")
public interface PublishRetryConfig {
    /** How often the sweep looks for dispatches awaiting publish (read by the scheduler as a plain property). */
    @WithDefault("5s")
    String interval();

    /** Wait before the first retry; each further failure doubles it. */
    @WithDefault("PT5S")
    Duration initialBackoff();

    /** The longest wait between two retries. */
    @WithDefault("PT2M")
    Duration maxBackoff();
}
