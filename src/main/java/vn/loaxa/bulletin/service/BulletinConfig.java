package vn.loaxa.bulletin.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "loaxa.bulletin")
public interface BulletinConfig {
    /** Silence between the segments of a rendered variant. */
    @WithDefault("PT0.5S")
    Duration segmentGap();

    /** An audio file played at the start of every rendered variant (an intro chime); none when unset. */
    Optional<Path> introChime();

    /** Approval by a second person (docs/security.md, "Approval by a second person"). */
    FourEyes fourEyes();

    interface FourEyes {
        /** Whether nobody who wrote, edited or submitted a bulletin may approve or reject it, where no area says else. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Overrides per area, usually per province ({@code loaxa.bulletin.four-eyes.areas."20"=false}): the nearest
         * area at or above the bulletin's owner area that has one decides.
         */
        Map<String, Boolean> areas();
    }
}
