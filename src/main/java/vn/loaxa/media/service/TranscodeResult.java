package vn.loaxa.media.service;

/**
 * What {@link AudioTranscoder} produced. The loudness figures come from FFmpeg's ebur128 filter: the input one on the
 * decoded (mono 48 kHz) upload, the output ones on the written Ogg/Opus file decoded again (the MP3 fallback is
 * measured and corrected the same way, on its own).
 *
 * @param durationMs          duration of the written file, from its decoded sample count
 * @param inputLoudnessLufs   integrated loudness of the upload
 * @param outputLoudnessLufs  integrated loudness of the written file
 * @param outputTruePeakDbtp  4× oversampled true peak of the written file
 * @param rehearsals          filter-only passes that looked for the gain before encoding
 * @param encodePasses        how many times the normalise-and-encode pass ran (1 for both files, plus each file's own
 *                            corrections)
 */
public record TranscodeResult(
        long durationMs,
        double inputLoudnessLufs,
        double outputLoudnessLufs,
        double outputTruePeakDbtp,
        int rehearsals,
        int encodePasses) {}
