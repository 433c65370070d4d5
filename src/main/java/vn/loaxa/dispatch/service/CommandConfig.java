package vn.loaxa.dispatch.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "loaxa.commands")
public interface CommandConfig {
    /** How long a remote command stays valid when the request names no ttl; the broker drops it after that. */
    @WithDefault("5m")
    Duration defaultTtl();
}
