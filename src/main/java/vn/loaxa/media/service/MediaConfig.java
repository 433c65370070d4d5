package vn.loaxa.media.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "loaxa.media")
public interface MediaConfig {
    /** Integrated loudness every distribution file is normalised to, in LUFS (EBU R128). */
    @WithDefault("-16")
    double targetLufs();

    /** Maximum true peak of the distribution file, in dBTP. */
    @WithDefault("-1.5")
    double truePeakDbtp();

    /** Opus bitrate of the distribution file, in bits per second. */
    @WithDefault("24000")
    int opusBitrate();

    /** Longest recording accepted. */
    @WithDefault("PT60M")
    Duration maxDuration();
}
