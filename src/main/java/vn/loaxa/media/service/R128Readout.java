package vn.loaxa.media.service;

import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;

import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.Frame;

/**
 * EBU R128 figures (BS.1770-4) read from FFmpeg's {@code ebur128} filter, which writes its running integrated
 * loudness and true peak into each filtered frame's metadata. The measurement runs in C inside the filter graph that
 * the audio passes through anyway, so measuring costs no extra decode and no per-sample work in Java.
 */
final class R128Readout {
    /** Appended to a filter graph; the filter passes the audio through unchanged. */
    static final String LOUDNESS = "ebur128=metadata=1";
    /** The same with the 4× oversampled true-peak scan. */
    static final String LOUDNESS_AND_TRUE_PEAK = "ebur128=metadata=1:peak=true";

    private static final String INTEGRATED = "lavfi.r128.I";
    private static final String TRUE_PEAK = "lavfi.r128.true_peaks_ch0";

    private double integratedLufs = Double.NEGATIVE_INFINITY;
    private double truePeakLinear;
    private long samples;

    /** Takes the figures from a frame just pulled from the filter (they cover everything up to that frame). */
    void read(Frame filtered) {
        if (filtered.samples != null) {
            samples += filtered.samples[0].remaining() / Math.max(1, filtered.audioChannels);
        }
        if (!(filtered.opaque instanceof AVFrame frame)) {
            return;
        }
        AVDictionary metadata = frame.metadata();
        if (metadata == null || metadata.isNull()) {
            return;
        }
        String integrated = value(metadata, INTEGRATED);
        if (integrated != null) {
            integratedLufs = parse(integrated);
        }
        String peak = value(metadata, TRUE_PEAK);
        if (peak != null) {
            truePeakLinear = Math.max(truePeakLinear, parse(peak));
        }
    }

    double integratedLufs() {
        return integratedLufs;
    }

    double truePeakDbtp() {
        return truePeakLinear > 0 ? 20 * Math.log10(truePeakLinear) : Double.NEGATIVE_INFINITY;
    }

    /** Mono samples that went through the filter. */
    long sampleCount() {
        return samples;
    }

    private static String value(AVDictionary metadata, String key) {
        AVDictionaryEntry entry = av_dict_get(metadata, key, null, 0);
        return entry == null || entry.isNull() ? null : entry.value().getString();
    }

    private static double parse(String number) {
        // ebur128 writes "-inf" for an integrated loudness with nothing above the gates
        return number.contains("inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(number.trim());
    }
}
