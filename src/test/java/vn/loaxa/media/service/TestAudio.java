package vn.loaxa.media.service;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP3;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/** Synthesises the test signals and writes or reads them as files. */
final class TestAudio {

    static final int RATE = 48_000;

    private TestAudio() {}

    static float[] sine(double seconds, double frequency, double amplitude, int sampleRate) {
        float[] out = new float[(int) Math.round(seconds * sampleRate)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * i / sampleRate));
        }
        return out;
    }

    static float[] sine(double seconds, double frequency, double amplitude) {
        return sine(seconds, frequency, amplitude, RATE);
    }

    static float[] silence(double seconds) {
        return new float[(int) Math.round(seconds * RATE)];
    }

    static float[] concat(float[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        float[] out = new float[length];
        int position = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, out, position, part.length);
            position += part.length;
        }
        return out;
    }

    /**
     * Speech-like test signal: bursts of 0.6–1.6 s made of a voiced part (harmonics of a wandering 110–220 Hz
     * fundamental) plus low-passed noise, shaped by a 4 Hz syllable envelope, separated by 0.2–0.5 s pauses.
     * Starts and ends with a burst.
     */
    static float[] speechLike(double seconds, long seed, double level) {
        Random random = new Random(seed);
        float[] out = new float[(int) Math.round(seconds * RATE)];
        int position = 0;
        double phase = 0;
        double noise = 0;
        while (position < out.length) {
            int burst = (int) ((0.6 + random.nextDouble()) * RATE);
            double f0 = 110 + random.nextDouble() * 110;
            double gain = level * (0.6 + 0.4 * random.nextDouble());
            for (int i = 0; i < burst && position < out.length; i++, position++) {
                double t = (double) i / RATE;
                double pitch = f0 * (1 + 0.1 * Math.sin(2 * Math.PI * 1.5 * t));
                phase += 2 * Math.PI * pitch / RATE;
                double voiced = 0;
                for (int h = 1; h <= 8; h++) {
                    voiced += Math.sin(h * phase) / h;
                }
                noise += 0.2 * (random.nextGaussian() - noise);
                double envelope = 0.5 * (1 - Math.cos(2 * Math.PI * 4 * t));
                out[position] = (float) (gain * envelope * (0.5 * voiced + 0.8 * noise));
            }
            int pause = (int) ((0.2 + 0.3 * random.nextDouble()) * RATE);
            position += position + pause < out.length ? pause : 0;
        }
        return out;
    }

    /** Vietnamese speech from espeak-ng (a Debian package the CI installs), as a 22 kHz mono WAV. */
    static Path espeakWav(Path file, String text) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("espeak-ng", "-v", "vi", "-w", file.toString(), text)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("espeak-ng failed: " + output);
        }
        return file;
    }

    /** Encodes a file with Debian's ffmpeg (installed by .ci/run), as a recorder or browser would have. */
    static Path ffmpeg(Path input, Path output, String... codecArgs) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(
                java.util.List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", input.toString()));
        command.addAll(java.util.List.of(codecArgs));
        command.add(output.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("ffmpeg failed: " + log);
        }
        return output;
    }

    /** Renders an ffmpeg {@code lavfi} source graph (noise, tones, filters) to a float WAV with Debian's ffmpeg. */
    static Path ffmpegSource(Path output, String lavfiGraph) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        "ffmpeg",
                        "-hide_banner",
                        "-loglevel",
                        "error",
                        "-y",
                        "-f",
                        "lavfi",
                        "-i",
                        lavfiGraph,
                        "-c:a",
                        "pcm_f32le",
                        output.toString())
                .redirectErrorStream(true)
                .start();
        String log = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("ffmpeg failed: " + log);
        }
        return output;
    }

    /**
     * An AMR-NB file (RFC 4867 storage format) of 12.2 kbit/s frames with random payloads: Debian's ffmpeg has no
     * AMR encoder, but every payload is a valid frame, which decodes to noisy speech-band audio as a phone's would.
     */
    static Path amrNb(Path file, double seconds, long seed) throws IOException {
        Random random = new Random(seed);
        int frames = (int) (seconds * 50); // 20 ms per frame
        ByteBuffer bytes = ByteBuffer.allocate(6 + frames * 32);
        bytes.put("#!AMR\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] payload = new byte[31];
        for (int i = 0; i < frames; i++) {
            bytes.put((byte) 0x3C); // frame type 7 (12.2 kbit/s), quality bit set
            random.nextBytes(payload);
            bytes.put(payload);
        }
        return java.nio.file.Files.write(file, bytes.array());
    }

    static void writeWav(Path file, float[] samples) throws IOException {
        writeWav(file, samples, RATE, 1);
    }

    /** 16-bit PCM WAV; with two channels the same signal goes to both. */
    static void writeWav(Path file, float[] samples, int sampleRate, int channels) throws IOException {
        ByteBuffer pcm = ByteBuffer.allocate(samples.length * 2 * channels).order(ByteOrder.LITTLE_ENDIAN);
        for (float sample : samples) {
            short value = (short) Math.round(Math.max(-1, Math.min(1, sample)) * 32767);
            for (int c = 0; c < channels; c++) {
                pcm.putShort(value);
            }
        }
        AudioFormat format = new AudioFormat(sampleRate, 16, channels, true, false);
        try (AudioInputStream stream =
                new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, samples.length)) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    static void writeMp3(Path file, float[] samples) throws Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 1)) {
            recorder.setFormat("mp3");
            recorder.setAudioCodec(AV_CODEC_ID_MP3);
            recorder.setSampleRate(RATE);
            recorder.setAudioBitrate(128_000);
            recorder.start();
            recorder.recordSamples(RATE, 1, FloatBuffer.wrap(samples));
            recorder.stop();
        }
    }

    static void writeVideoOnlyMp4(Path file) throws Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 64, 64, 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(AV_CODEC_ID_MPEG4);
            recorder.setFrameRate(10);
            recorder.start();
            for (int i = 0; i < 20; i++) {
                recorder.record(new Frame(64, 64, Frame.DEPTH_UBYTE, 3));
            }
            recorder.stop();
        }
    }

    /** Decodes the first audio stream to mono 48 kHz float samples. */
    static float[] decode(Path file) throws FrameGrabber.Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setAudioChannels(1);
            grabber.setSampleRate(RATE);
            grabber.setSampleMode(FrameGrabber.SampleMode.FLOAT);
            grabber.start();
            float[] out = new float[1 << 16];
            int length = 0;
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                FloatBuffer buffer = ((FloatBuffer) frame.samples[0]).duplicate();
                if (length + buffer.remaining() > out.length) {
                    out = Arrays.copyOf(out, Math.max(out.length * 2, length + buffer.remaining()));
                }
                int n = buffer.remaining();
                buffer.get(out, length, n);
                length += n;
            }
            return Arrays.copyOf(out, length);
        }
    }

    static LoudnessMeter measure(float[] samples) {
        LoudnessMeter meter = new LoudnessMeter();
        meter.accept(samples, samples.length);
        return meter;
    }
}
