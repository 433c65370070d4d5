package vn.loaxa.media.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.media.service.UndecodableMediaException.Reason;

/**
 * Opens local audio files for the transcoder, decoding the first audio stream to mono 48 kHz float, with FFmpeg kept
 * to the {@code file} protocol and a list of audio demuxers, and turns FFmpeg's failures into reasons a person can
 * act on.
 */
final class AudioInput {
    static final int SAMPLE_RATE = 48_000;
    static final int CHANNELS = 1;
    /**
     * Demuxers FFmpeg may pick. Leaving out playlist and script formats (hls, concat, ...) keeps a local file from
     * making FFmpeg open other files.
     */
    private static final String ALLOWED_DEMUXERS = "wav,w64,mp3,ogg,flac,mov,matroska,aac,amr,asf,aiff,caf,wv,au";

    private static final Pattern FFMPEG_ERROR_CODE = Pattern.compile("error (-\\d+)");

    static {
        // FFmpeg otherwise prints every probed file and every ebur128 summary to stderr; failures reach us as codes
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private AudioInput() {}

    /** Runs before FFmpeg sees anything, so pseudo-URLs such as {@code concat:a|b} or {@code http://x} never reach it. */
    static Path requireLocalFile(Path input) {
        Path absolute = input.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new UndecodableMediaException(
                    Reason.NOT_A_LOCAL_FILE, ErrorMessage.of("media.not-local", input.toString()));
        }
        return absolute;
    }

    /** Opens a local file, decoding its first audio stream to mono 48 kHz float. */
    static FFmpegFrameGrabber open(Path file) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber("file:" + file);
        grabber.setOption("protocol_whitelist", "file");
        grabber.setOption("format_whitelist", ALLOWED_DEMUXERS);
        grabber.setAudioChannels(CHANNELS);
        grabber.setSampleRate(SAMPLE_RATE);
        grabber.setSampleMode(FrameGrabber.SampleMode.FLOAT);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            closeQuietly(grabber);
            throw unreadable(e);
        }
        if (!grabber.hasAudio()) {
            closeQuietly(grabber);
            throw new UndecodableMediaException(Reason.NO_AUDIO_STREAM, ErrorMessage.of("media.no-audio-stream"));
        }
        return grabber;
    }

    static UndecodableMediaException unreadable(Exception e) {
        return new UndecodableMediaException(Reason.UNREADABLE, ErrorMessage.of("media.unreadable", describe(e)), e);
    }

    /** FFmpeg's own wording for the error code, without the server-side path JavaCV puts in its messages. */
    private static String describe(Exception e) {
        Matcher code = FFMPEG_ERROR_CODE.matcher(String.valueOf(e.getMessage()));
        if (code.find()) {
            try (BytePointer text = new BytePointer(256)) {
                return avutil.av_make_error_string(text, 256, Integer.parseInt(code.group(1)))
                        .getString();
            } catch (NumberFormatException ignored) {
                // fall through to the generic wording
            }
        }
        return "unsupported or damaged audio";
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception ignored) {
            // the grabber is being abandoned because of an earlier error, which is the one worth reporting
        }
    }
}
