package vn.loaxa.media.tts;

import java.nio.file.Path;
import java.util.List;

/**
 * A text-to-speech engine. Implementations are CDI beans named after the engine ({@code @Named("espeak-ng")});
 * {@code loaxa.tts.engine} picks one, so an HTTP service needs only a new implementation and that setting.
 */
public interface SpeechEngine {

    /** The voices available for an ISO 639-3 language, the default first; empty when the language is not spoken. */
    List<String> voices(String language);

    /** Writes the spoken text as a WAV file; throws {@link SpeechException} when the engine fails. */
    void synthesise(String text, String voice, Path wav);
}
