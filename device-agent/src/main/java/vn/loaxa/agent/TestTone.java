package vn.loaxa.agent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import vn.loaxa.agent.playback.PcmFormat;

/** The test tone played on a {@code TEST_TONE} command: a WAV file written once into the cache directory. */
final class TestTone {

    /** File name inside the cache directory. */
    static final String FILE_NAME = "test-tone.wav";
    /** Length of the tone. */
    static final double SECONDS = 2.0;
    /** Pitch of the tone. */
    static final double HERTZ = 1000.0;

    private static final double AMPLITUDE = 0.3;

    private TestTone() {}

    /** The tone file, written if it does not exist yet. */
    static Path ensure(Path cacheDir) throws IOException {
        Path file = cacheDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return file;
        }
        PcmFormat format = PcmFormat.PLAYBACK;
        int frames = (int) (SECONDS * format.sampleRate());
        byte[] pcm = new byte[frames * format.frameSize()];
        for (int i = 0; i < frames; i++) {
            short sample =
                    (short) (Short.MAX_VALUE * AMPLITUDE * Math.sin(2 * Math.PI * HERTZ * i / format.sampleRate()));
            for (int channel = 0; channel < format.channels(); channel++) {
                int at = (i * format.channels() + channel) * PcmFormat.BYTES_PER_SAMPLE;
                pcm[at] = (byte) sample;
                pcm[at + 1] = (byte) (sample >> 8);
            }
        }
        Path temp = Files.createTempFile(cacheDir, ".test-tone", ".wav");
        try (AudioInputStream stream =
                new AudioInputStream(new ByteArrayInputStream(pcm), format.toAudioFormat(), frames)) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, temp.toFile());
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }
}
