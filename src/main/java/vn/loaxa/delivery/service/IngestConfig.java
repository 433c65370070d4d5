package vn.loaxa.delivery.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "loaxa.delivery.ingest")
public interface IngestConfig {

    /** Most events written in one transaction (batches only grow this large while events queue up). */
    @WithDefault("5000")
    int batchSize();

    /** Events that may wait in memory before the MQTT inbound thread is held back. */
    @WithDefault("50000")
    int queueCapacity();
}
