package vn.loaxa.media.tts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Speaks Vietnamese through the {@code espeak-ng} command (Debian package espeak-ng). The text goes in on standard
 * input, never on the command line, so no text can become an option.
 */
@ApplicationScoped
@Named("espeak-ng")
public class EspeakEngine implements SpeechEngine {
    private static final Map<String, List<String>> VOICES =
            Map.of("vie", List.of("vi", "vi-vn-x-central", "vi-vn-x-south"));

    private final TtsConfig config;

    public EspeakEngine(TtsConfig config) {
        this.config = config;
    }

    @Override
    public List<String> voices(String language) {
        return VOICES.getOrDefault(language, List.of());
    }

    @Override
    public void synthesise(String text, String voice, Path wav) {
        ProcessBuilder command = new ProcessBuilder(
                        config.espeakCommand(), "-v", voice, "-w", wav.toString(), "--stdin")
                .redirectErrorStream(true);
        try {
            Process process = command.start();
            try (var in = process.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(config.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new SpeechException("espeak-ng took longer than " + config.timeout(), null);
            }
            if (process.exitValue() != 0) {
                throw new SpeechException("espeak-ng exited with " + process.exitValue() + ": " + output.strip(), null);
            }
        } catch (IOException e) {
            throw new SpeechException("cannot run " + config.espeakCommand() + " (is espeak-ng installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException("interrupted while speaking", e);
        }
    }
}
