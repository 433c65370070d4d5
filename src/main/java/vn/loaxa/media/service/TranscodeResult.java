package vn.loaxa.media.service;

/**
 * What {@link AudioTranscoder} produced. Both loudness figures come from {@link LoudnessMeter}: the input one on the
 * decoded (mono 48 kHz, silence-trimmed) upload, the output ones on the written Ogg/Opus file decoded again.
 *
 * @param durationMs          duration of the written file, from its decoded sample count
 * @param inputLoudnessLufs   integrated loudness of the upload
 * @param outputLoudnessLufs  integrated loudness of the written file
 * @param outputTruePeakDbtp  4× oversampled true peak of the written file
 * @param encodePasses        how many times the normalise-and-encode pass ran (1, plus corrections)
 */
public record TranscodeResult(long durationMs, double inputLoudnessLufs, double outputLoudnessLufs,
                              double outputTruePeakDbtp, int encodePasses) {
}
