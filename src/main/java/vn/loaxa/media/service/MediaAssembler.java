package vn.loaxa.media.service;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_F32LE;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import vn.loaxa.common.text.SearchText;
import vn.loaxa.media.model.Media;
import vn.loaxa.media.model.MediaRepository;
import vn.loaxa.media.model.MediaStatus;

/**
 * Joins stored audio files, with short silent gaps between them, into one new READY media item that is normalised
 * as a whole, so that its exact duration is known before anything is scheduled. The parts are streamed; a long
 * bulletin never sits in memory.
 */
@ApplicationScoped
public class MediaAssembler {
    private static final int RATE = AudioTranscoder.SAMPLE_RATE;

    private final MediaRepository media;
    private final AudioStore store;
    private final AudioTranscoder transcoder;
    private final MediaConfig config;

    public MediaAssembler(MediaRepository media, AudioStore store, AudioTranscoder transcoder, MediaConfig config) {
        this.media = media;
        this.store = store;
        this.transcoder = transcoder;
        this.config = config;
    }

    /** The stored Ogg/Opus file of a READY item. */
    public Path opusOf(UUID mediaId) {
        Media item = media.findById(mediaId);
        return store.path(item.sha256);
    }

    /** Renders the parts in order into a new READY media item (call inside a transaction) and returns it. */
    public Media assemble(List<Path> parts, Duration gap, String title, String language, String user) {
        Media item = render(parts, gap, title, language, user);
        media.persist(item);
        return item;
    }

    /**
     * Renders the parts in order into the audio store and returns the READY media item, not yet persisted. Needs no
     * transaction; callers render before theirs, so that FFmpeg never holds one open.
     */
    public Media render(List<Path> parts, Duration gap, String title, String language, String user) {
        Path joined = store.newTempFile(".wav");
        Path opus = store.newTempFile(".ogg");
        Path mp3 = store.newTempFile(".mp3");
        try {
            join(parts, gap, joined);
            TranscodeSettings defaults = TranscodeSettings.defaults();
            TranscodeSettings settings = new TranscodeSettings(
                    config.targetLufs(),
                    config.truePeakDbtp(),
                    defaults.loudnessRangeLu(),
                    config.opusBitrate(),
                    config.mp3Bitrate(),
                    defaults.minDuration(),
                    Duration.ofHours(6),
                    false,
                    defaults.silenceThresholdDb());
            TranscodeResult result = transcoder.transcode(joined, opus, mp3, settings, p -> {});
            Media item = new Media();
            item.id = UUID.randomUUID();
            item.title = title.length() > 300 ? title.substring(0, 300) : title;
            item.language = language;
            item.status = MediaStatus.READY;
            item.progress = 100;
            item.durationMs = result.durationMs();
            item.sha256 = Sha256.ofFile(opus);
            item.sizeBytes = Files.size(opus);
            item.mp3Sha256 = Sha256.ofFile(mp3);
            item.mp3SizeBytes = Files.size(mp3);
            item.loudnessLufs = Math.round(result.outputLoudnessLufs() * 10) / 10.0;
            item.truePeakDbtp = Math.round(result.outputTruePeakDbtp() * 10) / 10.0;
            item.searchText = SearchText.document(item.title);
            item.createdBy = user;
            item.createdAt = OffsetDateTime.now();
            item.updatedAt = item.createdAt;
            store.commit(opus, item.sha256, AudioStore.OPUS);
            store.commit(mp3, item.mp3Sha256, AudioStore.MP3);
            return item;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            store.deleteQuietly(joined);
            store.deleteQuietly(opus);
            store.deleteQuietly(mp3);
        }
    }

    private static void join(List<Path> parts, Duration gap, Path target) {
        float[] silence = new float[(int) (gap.toMillis() * RATE / 1000)];
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), 1)) {
            recorder.setFormat("wav");
            recorder.setAudioCodec(AV_CODEC_ID_PCM_F32LE);
            recorder.setSampleRate(RATE);
            recorder.setAudioChannels(1);
            recorder.start();
            for (int i = 0; i < parts.size(); i++) {
                if (i > 0 && silence.length > 0) {
                    recorder.recordSamples(RATE, 1, FloatBuffer.wrap(silence));
                }
                try (FFmpegFrameGrabber grabber =
                        new FFmpegFrameGrabber("file:" + parts.get(i).toAbsolutePath())) {
                    grabber.setOption("protocol_whitelist", "file");
                    grabber.setAudioChannels(1);
                    grabber.setSampleRate(RATE);
                    grabber.setSampleMode(FrameGrabber.SampleMode.FLOAT);
                    grabber.start();
                    Frame frame;
                    while ((frame = grabber.grabSamples()) != null) {
                        if (frame.samples != null) {
                            recorder.recordSamples(RATE, 1, frame.samples);
                        }
                    }
                }
            }
            recorder.stop();
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            throw new IllegalStateException("Cannot join the segments: " + e.getMessage(), e);
        }
    }
}
