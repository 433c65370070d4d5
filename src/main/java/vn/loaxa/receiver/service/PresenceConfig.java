package vn.loaxa.receiver.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Storage of the receivers' status reports and heartbeats. */
@ConfigMapping(prefix = "loaxa.receiver.presence")
public interface PresenceConfig {

    /** Most reports written in one transaction (batches only grow this large while reports queue up). */
    @WithDefault("1000")
    int batchSize();

    /** How long the writer waits for more reports after the first of a batch. */
    @WithDefault("20ms")
    Duration linger();

    /**
     * Reports that may wait in memory; beyond, a report is dropped and counted. Presence heals itself: every
     * connected agent sends a heartbeat each period, which sets it online again.
     */
    @WithDefault("20000")
    int queueCapacity();
}
