package vn.loaxa.delivery.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Storage of receiver events. */
@ConfigMapping(prefix = "loaxa.delivery.ingest")
public interface IngestConfig {

    /** Most events written in one transaction (batches only grow this large while events queue up). */
    @WithDefault("5000")
    int batchSize();

    /**
     * How long the writer waits for more events after the first of a batch: a lone event is stored this much later,
     * and under load each transaction covers more events.
     */
    @WithDefault("20ms")
    Duration linger();

    /** Events that may wait in memory before the MQTT inbound thread is held back. */
    @WithDefault("50000")
    int queueCapacity();

    /**
     * How long before its occurrence's play time a PLAYING or PLAYED still counts as inside the window, so that it
     * overturns MISSED (the receiver's clock error; agents never stamp a play before its play time).
     */
    @WithDefault("2s")
    Duration earlyTolerance();
}
