package vn.loaxa.media.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.media.api.MediaView;
import vn.loaxa.media.model.Media;
import vn.loaxa.media.model.MediaRepository;
import vn.loaxa.media.model.MediaStatus;

@ApplicationScoped
public class MediaService {
    public static final String FAILURES_METER = "loaxa.media.processing.failures";
    private static final Logger LOG = Logger.getLogger(MediaService.class);

    private final MediaRepository media;
    private final AudioStore store;
    private final AudioTranscoder transcoder;
    private final MediaConfig config;
    private final MeterRegistry registry;

    public MediaService(MediaRepository media, AudioStore store, AudioTranscoder transcoder, MediaConfig config,
            MeterRegistry registry) {
        this.registry = registry;
        for (String reason : new String[] {"undecodable", "io", "error"}) {
            registry.counter(FAILURES_METER, "reason", reason);
        }
        this.media = media;
        this.store = store;
        this.transcoder = transcoder;
        this.config = config;
    }

    /**
     * Transcodes an upload into the distribution format and records it. A file FFmpeg cannot use is refused
     * with the reason, and nothing is stored.
     */
    public MediaView ingest(Path upload, String originalFilename, String title, String language, String user) {
        Path output = store.newTempFile(".ogg");
        TranscodeResult result;
        String sha256;
        long size;
        try {
            result = transcoder.transcode(upload, output, settings());
            sha256 = Sha256.ofFile(output);
            size = Files.size(output);
        } catch (UndecodableMediaException e) {
            store.deleteQuietly(output);
            processingFailed("undecodable");
            throw new InvalidRequestException("file", "Cannot use this audio file: " + e.getMessage());
        } catch (IOException e) {
            store.deleteQuietly(output);
            processingFailed("io");
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            store.deleteQuietly(output);
            processingFailed("error");
            throw e;
        }
        store.commit(output, sha256);
        Media item = new Media();
        item.id = UUID.randomUUID();
        item.title = title.strip();
        item.language = language;
        item.status = MediaStatus.READY;
        item.originalFilename = safeName(originalFilename);
        item.durationMs = result.durationMs();
        item.sha256 = sha256;
        item.sizeBytes = size;
        item.loudnessLufs = round1(result.outputLoudnessLufs());
        item.createdBy = user;
        item.createdAt = OffsetDateTime.now();
        QuarkusTransaction.requiringNew().run(() -> media.persist(item));
        LOG.infof("Media %s ready: %d ms, %.1f LUFS, sha256 %s", item.id, item.durationMs, item.loudnessLufs, sha256);
        return view(item);
    }

    private void processingFailed(String reason) {
        registry.counter(FAILURES_METER, "reason", reason).increment();
    }

    @Transactional
    public MediaView get(UUID id) {
        return view(find(id));
    }

    /** The stored distribution file of a READY media item. */
    @Transactional
    public StoredAudio audio(UUID id) {
        Media item = find(id);
        if (item.status != MediaStatus.READY) {
            throw NotFoundException.of("Audio of media", id);
        }
        return new StoredAudio(store.path(item.sha256), item.sha256, item.sizeBytes);
    }

    public record StoredAudio(Path path, String sha256, long sizeBytes) {
    }

    private Media find(UUID id) {
        return media.findByIdOptional(id).orElseThrow(() -> NotFoundException.of("Media", id));
    }

    private TranscodeSettings settings() {
        TranscodeSettings defaults = TranscodeSettings.defaults();
        return new TranscodeSettings(config.targetLufs(), config.truePeakDbtp(), defaults.loudnessRangeLu(),
                config.opusBitrate(), defaults.minDuration(), config.maxDuration(), defaults.trimSilence(),
                defaults.silenceThresholdDb());
    }

    static String safeName(String name) {
        if (name == null) {
            return null;
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "");
        return base.length() > 255 ? base.substring(0, 255) : base;
    }

    private static Double round1(double value) {
        return Double.isFinite(value) ? Math.round(value * 10) / 10.0 : null;
    }

    public static MediaView view(Media m) {
        String audioUrl = m.status == MediaStatus.READY ? "/api/v1/media/" + m.id + "/audio" : null;
        return new MediaView(m.id, m.title, m.language, m.status, m.durationMs, m.sha256, m.sizeBytes,
                m.loudnessLufs, m.failureReason, audioUrl, m.createdAt);
    }
}
