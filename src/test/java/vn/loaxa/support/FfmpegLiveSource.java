package vn.loaxa.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command-line live source of docs/operations.md ("Going live from a console microphone"), run as written there
 * with Debian's {@code ffmpeg}: a tone instead of the microphone ({@code -f lavfi} for {@code -f alsa -i default}),
 * sent in real time ({@code -re}) as Ogg Opus to a session's audio endpoint.
 */
public final class FfmpegLiveSource implements AutoCloseable {
    private final Process ffmpeg;
    private final Path log;

    private FfmpegLiveSource(Process ffmpeg, Path log) {
        this.ffmpeg = ffmpeg;
        this.log = log;
    }

    /** Starts sending {@code seconds} of a tone to session {@code audioPath} as {@code user}. */
    public static FfmpegLiveSource start(
            URL server, String audioPath, String user, String password, int seconds, int frequency) throws IOException {
        String credentials =
                Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Path log = Files.createTempFile("ffmpeg-live", ".log");
        Process process = new ProcessBuilder(List.of(
                        "ffmpeg",
                        "-nostdin",
                        "-hide_banner",
                        "-loglevel",
                        "error",
                        "-re",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=" + frequency + ":duration=" + seconds,
                        "-ac",
                        "1",
                        "-ar",
                        "48000",
                        "-c:a",
                        "libopus",
                        "-b:a",
                        "32k",
                        "-application",
                        "lowdelay",
                        "-frame_duration",
                        System.getProperty("loaxa.bench.frame-ms", "60"),
                        "-f",
                        "ogg",
                        "-page_duration",
                        "20000",
                        "-flush_packets",
                        "1",
                        "-method",
                        "POST",
                        "-content_type",
                        "audio/ogg",
                        "-headers",
                        "Authorization: Basic " + credentials + "\r\n",
                        server.toString().replaceAll("/$", "") + audioPath))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new FfmpegLiveSource(process, log);
    }

    /** Waits for the source to finish sending and checks that FFmpeg had no error. */
    public void awaitEnd(int seconds) throws Exception {
        assertThat(ffmpeg.waitFor(seconds, TimeUnit.SECONDS))
                .as("ffmpeg still sending")
                .isTrue();
        assertThat(ffmpeg.exitValue()).as(Files.readString(log)).isZero();
    }

    @Override
    public void close() throws IOException {
        ffmpeg.destroyForcibly();
        Files.deleteIfExists(log);
    }
}
