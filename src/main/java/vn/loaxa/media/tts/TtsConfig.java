package vn.loaxa.media.tts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "loaxa.tts")
public interface TtsConfig {
    /** Name of the {@link SpeechEngine} bean that speaks text ({@code espeak-ng} by default). */
    @WithDefault("espeak-ng")
    String engine();

    /** The espeak-ng executable, found on the PATH unless absolute. */
    @WithDefault("espeak-ng")
    String espeakCommand();

    /** Longest time one synthesis may take. */
    @WithDefault("PT60S")
    Duration timeout();
}
