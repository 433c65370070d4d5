package vn.loaxa.media.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ServiceUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import vn.loaxa.common.error.ErrorMessage;

/**
 * Turns accepted uploads into distribution files on a bounded pool of worker threads, reporting progress as it goes.
 * Every item ends READY or FAILED with a reason; the upload and any half-written file are deleted either way. Items
 * that no replica works on any more (the server stopped mid-way) are failed by {@link #sweep()}.
 */
@ApplicationScoped
public class MediaProcessor {
    private static final Logger LOG = Logger.getLogger(MediaProcessor.class);
    /** Progress is written to the database in steps of this many percent. */
    private static final int PROGRESS_STEP = 5;

    public static final String FAILURES_METER = "loaxa.media.processing.failures";

    private final MediaService service;
    private final MeterRegistry registry;
    private final AudioStore store;
    private final AudioTranscoder transcoder;
    private final MediaConfig config;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor workers;

    public MediaProcessor(
            MediaService service,
            AudioStore store,
            AudioTranscoder transcoder,
            MediaConfig config,
            MeterRegistry registry) {
        this.registry = registry;
        for (String reason : new String[] {"undecodable", "error"}) {
            registry.counter(FAILURES_METER, "reason", reason);
        }
        this.service = service;
        this.store = store;
        this.transcoder = transcoder;
        this.config = config;
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(
                config.workers(),
                config.workers(),
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.queueCapacity()),
                r -> {
                    Thread thread = new Thread(r, "media-worker-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    void onStart(@Observes StartupEvent event) {
        sweep();
    }

    void onStop(@Observes ShutdownEvent event) {
        workers.shutdownNow();
    }

    /** Queues an accepted item; when the queue is full the item fails at once and the caller gets a 503. */
    public void submit(UUID id) {
        inFlight.add(id);
        try {
            workers.execute(() -> process(id));
        } catch (RejectedExecutionException e) {
            inFlight.remove(id);
            service.pendingUpload(id).ifPresent(store::deleteQuietly);
            ErrorMessage busy = ErrorMessage.of("media.busy", config.queueCapacity());
            service.fail(id, busy);
            throw new ServiceUnavailableException(busy.english());
        }
    }

    void process(UUID id) {
        Path upload = null;
        Path opus = null;
        Path mp3 = null;
        try {
            upload = service.pendingUpload(id).orElse(null);
            if (upload == null) {
                return;
            }
            opus = store.newTempFile(".ogg");
            mp3 = store.newTempFile(".mp3");
            AtomicInteger written = new AtomicInteger();
            TranscodeResult result = transcoder.transcode(
                    upload,
                    opus,
                    mp3,
                    settings(),
                    percent -> {
                        if (percent >= written.get() + PROGRESS_STEP) {
                            written.set(percent);
                            service.progress(id, percent);
                        }
                    },
                    config.maxProcessingTime());
            MediaService.StoredFile opusFile = commit(opus, AudioStore.OPUS);
            MediaService.StoredFile mp3File = commit(mp3, AudioStore.MP3);
            service.complete(id, result, opusFile, mp3File);
        } catch (UndecodableMediaException e) {
            registry.counter(FAILURES_METER, "reason", "undecodable").increment();
            service.fail(id, ErrorMessage.of("media.unusable", e.text()));
        } catch (RuntimeException | Error e) {
            registry.counter(FAILURES_METER, "reason", "error").increment();
            LOG.errorf(e, "Processing media %s failed", id);
            service.fail(id, ErrorMessage.of("media.error", String.valueOf(e.getMessage())));
        } finally {
            store.deleteQuietly(upload);
            store.deleteQuietly(opus);
            store.deleteQuietly(mp3);
            inFlight.remove(id);
        }
    }

    /**
     * Keeps this replica's items alive, then fails every PROCESSING item that no replica has touched within
     * {@code loaxa.media.stale-after}: its processing was cut short by a stop or crash.
     */
    @Scheduled(
            identity = "media-stale-sweeper",
            every = "${loaxa.media.sweep-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void sweep() {
        service.heartbeat(List.copyOf(inFlight));
        for (MediaService.StaleItem item : service.stale(OffsetDateTime.now().minus(config.staleAfter()))) {
            if (inFlight.contains(item.id())) {
                continue;
            }
            store.deleteQuietly(item.upload());
            service.fail(item.id(), ErrorMessage.of("media.interrupted"));
        }
    }

    private MediaService.StoredFile commit(Path file, String extension) {
        try {
            String sha256 = Sha256.ofFile(file);
            long size = Files.size(file);
            store.commit(file, sha256, extension);
            return new MediaService.StoredFile(sha256, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TranscodeSettings settings() {
        TranscodeSettings defaults = TranscodeSettings.defaults();
        return new TranscodeSettings(
                config.targetLufs(),
                config.truePeakDbtp(),
                defaults.loudnessRangeLu(),
                config.opusBitrate(),
                config.mp3Bitrate(),
                defaults.minDuration(),
                config.maxDuration(),
                defaults.trimSilence(),
                defaults.silenceThresholdDb());
    }
}
