package vn.loaxa.media.service;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP3;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/** The distribution formats, each mono 48 kHz at the bitrate the settings give it. */
enum OutputFormat {
    /** Opus in Ogg, the format receivers play. */
    OPUS {
        @Override
        FFmpegFrameRecorder recorder(Path file, TranscodeSettings settings) {
            FFmpegFrameRecorder recorder = mono48k(file);
            recorder.setFormat("ogg");
            recorder.setAudioCodec(AV_CODEC_ID_OPUS);
            recorder.setSampleFormat(AV_SAMPLE_FMT_FLT);
            recorder.setAudioBitrate(settings.bitrate());
            return recorder;
        }
    },
    /** The MP3 fallback, for players without Opus. */
    MP3 {
        @Override
        FFmpegFrameRecorder recorder(Path file, TranscodeSettings settings) {
            FFmpegFrameRecorder recorder = mono48k(file);
            recorder.setFormat("mp3");
            recorder.setAudioCodec(AV_CODEC_ID_MP3);
            recorder.setAudioBitrate(settings.mp3Bitrate());
            return recorder;
        }
    };

    /** A recorder for {@code file}, not yet started. */
    abstract FFmpegFrameRecorder recorder(Path file, TranscodeSettings settings);

    private static FFmpegFrameRecorder mono48k(Path file) {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), AudioInput.CHANNELS);
        recorder.setSampleRate(AudioInput.SAMPLE_RATE);
        recorder.setAudioChannels(AudioInput.CHANNELS);
        return recorder;
    }
}
