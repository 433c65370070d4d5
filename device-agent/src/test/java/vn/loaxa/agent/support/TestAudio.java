package vn.loaxa.agent.support;

import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/** Creates short test clips: a sine tone encoded as Ogg/Opus, 48 kHz mono, 24 kbit/s, like the server's files. */
public final class TestAudio {

    private static final int SAMPLE_RATE = 48_000;
    private static final int CHUNK = 960;
    private static final double TONE_HZ = 440;
    private static final double AMPLITUDE = 0.3 * Short.MAX_VALUE;

    private TestAudio() {}

    /** Writes a tone of the given length to {@code file} and returns the file's bytes. */
    public static byte[] sineOggOpus(Path file, double seconds) throws Exception {
        return sine(file, seconds, "ogg", avcodec.AV_CODEC_ID_OPUS, 24_000);
    }

    /** Writes a tone as MP3 (what an Icecast relay commonly serves) and returns the file's bytes. */
    public static byte[] sineMp3(Path file, double seconds) throws Exception {
        return sine(file, seconds, "mp3", avcodec.AV_CODEC_ID_MP3, 64_000);
    }

    private static byte[] sine(Path file, double seconds, String format, int codec, int bitrate) throws Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 1)) {
            recorder.setFormat(format);
            recorder.setAudioCodec(codec);
            recorder.setSampleRate(SAMPLE_RATE);
            recorder.setAudioChannels(1);
            recorder.setAudioBitrate(bitrate);
            recorder.start();
            int total = (int) (SAMPLE_RATE * seconds);
            for (int done = 0; done < total; done += CHUNK) {
                int length = Math.min(CHUNK, total - done);
                short[] samples = new short[length];
                for (int i = 0; i < length; i++) {
                    samples[i] = (short) (AMPLITUDE * Math.sin(2 * Math.PI * TONE_HZ * (done + i) / SAMPLE_RATE));
                }
                recorder.recordSamples(SAMPLE_RATE, 1, ShortBuffer.wrap(samples));
            }
            recorder.stop();
        }
        return Files.readAllBytes(file);
    }
}
