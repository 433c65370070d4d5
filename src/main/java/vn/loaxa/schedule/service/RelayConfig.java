package vn.loaxa.schedule.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "loaxa.relay")
public interface RelayConfig {
    /** Hosts whose streams may be relayed (exact names, case-insensitive); any other host is refused with 422. */
    @WithDefault("127.0.0.1,localhost")
    List<String> allowedHosts();

    /** Longest relay window one airing may have. */
    @WithDefault("PT6H")
    Duration maxWindow();
}
