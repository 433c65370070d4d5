package vn.loaxa.media.tts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.ws.rs.ServiceUnavailableException;
import java.nio.file.Path;
import java.util.List;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.media.service.AudioStore;

/** Turns text into a WAV upload with the configured {@link SpeechEngine}. */
@ApplicationScoped
public class TtsService {
    private final SpeechEngine engine;
    private final AudioStore store;

    public TtsService(Instance<SpeechEngine> engines, TtsConfig config, AudioStore store) {
        Instance<SpeechEngine> chosen = engines.select(NamedLiteral.of(config.engine()));
        if (!chosen.isResolvable()) {
            throw new IllegalStateException("loaxa.tts.engine=" + config.engine() + " names no SpeechEngine bean");
        }
        this.engine = chosen.get();
        this.store = store;
    }

    /** Speaks the text into a temporary WAV file; the caller owns (and deletes) the file. */
    public Path speak(String text, String language, String voice) {
        List<String> voices = engine.voices(language);
        if (voices.isEmpty()) {
            throw new InvalidRequestException("language", ErrorMessage.of("tts.language", language));
        }
        String chosen = voice == null || voice.isBlank() ? voices.get(0) : voice;
        if (!voices.contains(chosen)) {
            throw new InvalidRequestException(
                    "voice", ErrorMessage.of("tts.voice", chosen, language, voices.toString()));
        }
        Path wav = store.newTempFile(".wav");
        try {
            engine.synthesise(text, chosen, wav);
            return wav;
        } catch (SpeechException e) {
            store.deleteQuietly(wav);
            throw new ServiceUnavailableException(
                    "Text to speech failed: " + e.getMessage() + "; try again later or upload a recording");
        } catch (RuntimeException e) {
            store.deleteQuietly(wav);
            throw e;
        }
    }
}
