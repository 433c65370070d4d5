package vn.loaxa.bulletin.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "loaxa.bulletin")
public interface BulletinConfig {
    /** Silence between the segments of a rendered variant. */
    @WithDefault("PT0.5S")
    Duration segmentGap();

    /** An audio file played at the start of every rendered variant (an intro chime); none when unset. */
    Optional<Path> introChime();
}
