package vn.loaxa.delivery.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long stored data is kept, and the upkeep of {@code delivery_event}'s monthly partitions (PostgreSQL). */
@ConfigMapping(prefix = "loaxa.retention")
public interface RetentionConfig {

    /**
     * How long receiver events are kept, counted from their occurrence's play time; on PostgreSQL a month goes
     * once all of it is older than this.
     */
    @WithDefault("400d")
    Duration deliveryEvents();

    /** Months of partitions kept ready beyond the current one. */
    @WithDefault("3")
    int monthsAhead();

    /** How often partitions are created ahead and old events removed (also once at start). */
    @WithDefault("6h")
    Duration interval();

    /** Rows per delete statement where old events are deleted row by row (H2). */
    @WithDefault("10000")
    int deleteBatch();
}
