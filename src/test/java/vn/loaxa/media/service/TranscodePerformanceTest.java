package vn.loaxa.media.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * P3: the in-process JavaCV pipeline against the ffmpeg binary bundled with JavaCV (same FFmpeg build, same codecs),
 * doing the same work on the same 10-minute speech file: one analysis decode, then per encode pass the same filter
 * graph into Opus 24 kbit/s and MP3 64 kbit/s, then a decode of both files, side by side, to measure them. Prints the figures for
 * docs/performance.md; run with {@code mvn test -Dtest=TranscodePerformanceTest -Dloaxa.perf=true}.
 */
@EnabledIfSystemProperty(named = "loaxa.perf", matches = "true")
class TranscodePerformanceTest {
    private static final int SECONDS = 600;
    private static final int ROUNDS = 2;

    @TempDir
    Path dir;

    @Test
    void shouldCompareTheJavaCvPipelineWithTheBundledFfmpegBinary() throws Exception {
        Path input = dir.resolve("ten-minutes.wav");
        TestAudio.writeWav(input, TestAudio.speechLike(SECONDS, 1, 0.1));
        AudioTranscoder transcoder = new AudioTranscoder();
        TranscodeSettings settings = TranscodeSettings.defaults();
        transcoder.transcode(input, dir.resolve("warm-up.ogg"), settings); // JIT and native libraries

        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        TranscodeResult opusOnly = transcoder.transcode(input, dir.resolve("opus-only.ogg"), null, settings, p -> {});
        double opusOnlySeconds = (System.nanoTime() - started) / 1e9;
        double opusOnlyCpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;

        // the machine may be shared: alternate the two sides and keep each one's best round
        // CPU time (all threads; for ffmpeg, its processes) is the steadier figure on a shared machine
        double javacvSeconds = Double.MAX_VALUE;
        double ffmpegSeconds = Double.MAX_VALUE;
        double javacvCpu = Double.MAX_VALUE;
        double ffmpegCpu = Double.MAX_VALUE;
        TranscodeResult both = null;
        for (int round = 0; round < ROUNDS; round++) {
            started = System.nanoTime();
            cpuBefore = processCpuNanos();
            both = transcoder.transcode(input, dir.resolve("javacv.ogg"), dir.resolve("javacv.mp3"), settings, p -> {});
            javacvCpu = Math.min(javacvCpu, (processCpuNanos() - cpuBefore) / 1e9);
            javacvSeconds = Math.min(javacvSeconds, (System.nanoTime() - started) / 1e9);
            started = System.nanoTime();
            double childrenBefore = childrenCpuSeconds();
            ffmpegPipeline(input, both, settings);
            ffmpegCpu = Math.min(ffmpegCpu, childrenCpuSeconds() - childrenBefore);
            ffmpegSeconds = Math.min(ffmpegSeconds, (System.nanoTime() - started) / 1e9);
        }
        System.out.printf(
                Locale.ROOT,
                "P3 CPU time: JavaCV %.1f s, bundled ffmpeg %.1f s, ratio %.2f%n",
                javacvCpu,
                ffmpegCpu,
                javacvCpu / ffmpegCpu);

        System.out.printf(
                Locale.ROOT,
                "P3 10-minute speech, %d rehearsal(s), %d encode pass(es): JavaCV %.1f s, bundled"
                        + " ffmpeg %.1f s, ratio %.2f; output %.2f LUFS / %.2f dBTP%n",
                both.rehearsals(),
                both.encodePasses(),
                javacvSeconds,
                ffmpegSeconds,
                javacvSeconds / ffmpegSeconds,
                both.outputLoudnessLufs(),
                both.outputTruePeakDbtp());
        System.out.printf(
                Locale.ROOT,
                "P3 normalise + Opus only, %d pass(es): %.1f s wall (%.0fx real time),"
                        + " %.1f s CPU (%.0fx real time per core)%n",
                opusOnly.encodePasses(),
                opusOnlySeconds,
                SECONDS / opusOnlySeconds,
                opusOnlyCpuSeconds,
                SECONDS / opusOnlyCpuSeconds);
        assertThat(both.durationMs()).isGreaterThan(590_000);
    }

    /** The same work with the ffmpeg binary: analysis, as many rehearsals and encode passes, each measured. */
    private void ffmpegPipeline(Path input, TranscodeResult javacv, TranscodeSettings settings) throws Exception {
        String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        String graph = String.format(
                Locale.ROOT,
                "volume=%.3fdB,alimiter=limit=%.5f:attack=5:release=50:level=0:"
                        + "latency=1,aresample=48000,aformat=sample_fmts=flt:channel_layouts=mono",
                settings.targetLufs() - javacv.inputLoudnessLufs(),
                Math.pow(10, (settings.truePeakDbtp() - GainPlan.LIMITER_CODEC_HEADROOM_DB) / 20));
        run(ffmpeg, "-i", input.toString(), "-ac", "1", "-ar", "48000", "-af", "ebur128", "-f", "null", "-");
        // the rehearsals need the gain each one chose; the ffmpeg side runs one gain as often, which costs the same
        for (int pass = 0; pass < javacv.rehearsals(); pass++) {
            run(
                    ffmpeg,
                    "-i",
                    input.toString(),
                    "-filter_complex",
                    "[0:a]aresample=48000,pan=mono|c0=c0," + graph + ",ebur128",
                    "-f",
                    "null",
                    "-");
        }
        for (int pass = 0; pass < javacv.encodePasses(); pass++) {
            run(
                    ffmpeg,
                    "-y",
                    "-i",
                    input.toString(),
                    "-filter_complex",
                    "[0:a]aresample=48000,pan=mono|c0=c0," + graph + ",asplit=2[o][m]",
                    "-map",
                    "[o]",
                    "-c:a",
                    "libopus",
                    "-b:a",
                    "24k",
                    dir.resolve("ffmpeg.ogg").toString(),
                    "-map",
                    "[m]",
                    "-c:a",
                    "libmp3lame",
                    "-b:a",
                    "64k",
                    dir.resolve("ffmpeg.mp3").toString());
            runTogether(
                    List.of(
                            ffmpeg,
                            "-i",
                            dir.resolve("ffmpeg.ogg").toString(),
                            "-af",
                            "ebur128=peak=true",
                            "-f",
                            "null",
                            "-"),
                    List.of(
                            ffmpeg,
                            "-i",
                            dir.resolve("ffmpeg.mp3").toString(),
                            "-af",
                            "ebur128=peak=true",
                            "-f",
                            "null",
                            "-"));
        }
    }

    /** User and system time of this process's finished children (Linux {@code /proc/self/stat}, 100 ticks/s). */
    private static double childrenCpuSeconds() throws java.io.IOException {
        String stat = java.nio.file.Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command name: state is field 3, cutime field 16, cstime field 17
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void run(String... command) throws Exception {
        runTogether(List.of(command));
    }

    /** Runs the commands at once, as the JavaCV side measures its written files in parallel. */
    @SafeVarargs
    private static void runTogether(List<String>... commands) throws Exception {
        List<Process> processes = new ArrayList<>();
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add(1, "-hide_banner");
            args.add(2, "-loglevel");
            args.add(3, "error");
            processes.add(new ProcessBuilder(args).redirectErrorStream(true).start());
        }
        for (Process process : processes) {
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor()).as(output).isZero();
        }
    }
}
