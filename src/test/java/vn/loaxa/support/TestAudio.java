package vn.loaxa.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Writes test recordings; nothing is downloaded. */
public final class TestAudio {
    private static final float RATE = 16_000f;

    private TestAudio() {}

    /** A mono 16-bit WAV of a sine tone with the given peak amplitude (0..1). */
    public static Path sineWav(Path file, double seconds, double frequency, double amplitude) {
        int samples = (int) (seconds * RATE);
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short value =
                    (short) Math.round(Math.sin(2 * Math.PI * frequency * i / RATE) * amplitude * Short.MAX_VALUE);
            pcm[2 * i] = (byte) value;
            pcm[2 * i + 1] = (byte) (value >> 8);
        }
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, samples)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Speech read by espeak-ng (installed with the server's text to speech) into a WAV file, as a person's reading. */
    public static Path spokenWav(Path file, String text, String voice) {
        try {
            Process espeak = new ProcessBuilder("espeak-ng", "-v", voice, "-w", file.toString(), text)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(espeak.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (espeak.waitFor() != 0) {
                throw new IllegalStateException("espeak-ng failed: " + output);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
