package vn.loaxa.media.service;

import io.quarkus.runtime.configuration.MemorySize;
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

    /** Bitrate of the MP3 fallback for receivers without Opus, in bits per second. */
    @WithDefault("64000")
    int mp3Bitrate();

    /** Longest recording accepted. */
    @WithDefault("PT60M")
    Duration maxDuration();

    /**
     * Longest a single upload may take to process before it is failed as damaged or crafted; a normal hour of
     * audio takes about two minutes on one core.
     */
    @WithDefault("PT10M")
    Duration maxProcessingTime();

    /** Largest upload accepted; larger ones are refused with 413 before anything is stored. */
    @WithDefault("200M")
    MemorySize maxUploadSize();

    /** Uploads transcoded at the same time (each uses about one core). */
    @WithDefault("1")
    int workers();

    /** Uploads that may wait for a worker; beyond that uploads are refused with 503 until the queue drains. */
    @WithDefault("100")
    int queueCapacity();

    /** A PROCESSING item whose progress has not moved for this long (crash, restart) is marked FAILED. */
    @WithDefault("PT5M")
    Duration staleAfter();
}
