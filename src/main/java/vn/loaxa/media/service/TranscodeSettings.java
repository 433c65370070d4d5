package vn.loaxa.media.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How an upload becomes the distribution format (Opus mono 48 kHz in Ogg).
 *
 * @param targetLufs         integrated loudness target (EBU R128), −70…−5
 * @param truePeakDbtp       true-peak ceiling, −9…0
 * @param loudnessRangeLu    loudnorm LRA target; inputs with a wider range get dynamic instead of linear gain
 * @param bitrate            Opus bitrate in bit/s
 * @param mp3Bitrate         bitrate of the MP3 fallback in bit/s
 * @param minDuration        shortest accepted audio, measured after silence trimming
 * @param maxDuration        longest accepted decoded audio
 * @param trimSilence        whether leading and trailing silence is cut
 * @param silenceThresholdDb sample level (dBFS) below which audio counts as silence
 */
public record TranscodeSettings(
        double targetLufs,
        double truePeakDbtp,
        double loudnessRangeLu,
        int bitrate,
        int mp3Bitrate,
        Duration minDuration,
        Duration maxDuration,
        boolean trimSilence,
        double silenceThresholdDb) {

    public TranscodeSettings {
        Objects.requireNonNull(minDuration, "minDuration");
        Objects.requireNonNull(maxDuration, "maxDuration");
        requireRange("targetLufs", targetLufs, -70, -5);
        requireRange("truePeakDbtp", truePeakDbtp, -9, 0);
        requireRange("loudnessRangeLu", loudnessRangeLu, 1, 50);
        requireRange("bitrate", bitrate, 6_000, 510_000);
        requireRange("mp3Bitrate", mp3Bitrate, 8_000, 320_000);
        requireRange("silenceThresholdDb", silenceThresholdDb, -90, -20);
        if (minDuration.isNegative() || minDuration.compareTo(maxDuration) > 0) {
            throw new IllegalArgumentException(
                    "need 0 <= minDuration <= maxDuration, got " + minDuration + " and " + maxDuration);
        }
    }

    public static TranscodeSettings defaults() {
        return new TranscodeSettings(
                -16.0, -1.5, 11.0, 24_000, 64_000, Duration.ofSeconds(1), Duration.ofMinutes(60), true, -50.0);
    }

    public TranscodeSettings withTargetLufs(double value) {
        return new TranscodeSettings(
                value,
                truePeakDbtp,
                loudnessRangeLu,
                bitrate,
                mp3Bitrate,
                minDuration,
                maxDuration,
                trimSilence,
                silenceThresholdDb);
    }

    public TranscodeSettings withBitrate(int value) {
        return new TranscodeSettings(
                targetLufs,
                truePeakDbtp,
                loudnessRangeLu,
                value,
                mp3Bitrate,
                minDuration,
                maxDuration,
                trimSilence,
                silenceThresholdDb);
    }

    public TranscodeSettings withMaxDuration(Duration value) {
        return new TranscodeSettings(
                targetLufs,
                truePeakDbtp,
                loudnessRangeLu,
                bitrate,
                mp3Bitrate,
                minDuration,
                value,
                trimSilence,
                silenceThresholdDb);
    }

    public TranscodeSettings withTrimSilence(boolean value) {
        return new TranscodeSettings(
                targetLufs,
                truePeakDbtp,
                loudnessRangeLu,
                bitrate,
                mp3Bitrate,
                minDuration,
                maxDuration,
                value,
                silenceThresholdDb);
    }

    private static void requireRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be within [" + min + ", " + max + "], got " + value);
        }
    }
}
