package vn.loaxa.media.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent meter for written files: Debian's {@code ffmpeg} command line with {@code ebur128=peak=true}, a
 * separate process and FFmpeg build that shares no code with the transcoder's own measurement.
 */
final class Ebur128Cli {
    private static final Pattern INTEGRATED = Pattern.compile("I:\\s+(-?[0-9.]+|-inf) LUFS");
    private static final Pattern TRUE_PEAK = Pattern.compile("True peak:\\s+Peak:\\s+(-?[0-9.]+|-inf) dBFS");

    private Ebur128Cli() {}

    /** The integrated loudness (LUFS) and 4× oversampled true peak (dBTP) of a file, from the filter's summary. */
    record Figures(double integratedLufs, double truePeakDbtp) {}

    static Figures measure(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(
                        "ffmpeg",
                        "-hide_banner",
                        "-nostats",
                        "-i",
                        file.toString(),
                        "-af",
                        "ebur128=peak=true",
                        "-f",
                        "null",
                        "-"))
                .redirectErrorStream(true)
                .start();
        String log = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("ffmpeg could not measure " + file + ": " + log);
        }
        String summary = log.substring(Math.max(0, log.lastIndexOf("Summary:")));
        return new Figures(number(INTEGRATED, summary, file), number(TRUE_PEAK, summary, file));
    }

    private static double number(Pattern pattern, String summary, Path file) throws IOException {
        Matcher matcher = pattern.matcher(summary);
        if (!matcher.find()) {
            throw new IOException("no " + pattern + " in ffmpeg's summary for " + file + ": " + summary);
        }
        String value = matcher.group(1);
        return value.equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(value);
    }
}
