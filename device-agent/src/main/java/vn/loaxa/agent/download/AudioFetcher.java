package vn.loaxa.agent.download;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import vn.loaxa.agent.protocol.AudioRef;

/**
 * Downloads audio in the background with retries and backoff. Two entries with the same audio share one download.
 * Every future completes with the verified cached file, or exceptionally with a {@link DownloadException} whose
 * message is the reason to report.
 */
public final class AudioFetcher {

    private static final Logger LOG = Logger.getLogger(AudioFetcher.class.getName());

    private final AudioDownloader downloader;
    private final RetryPolicy retryPolicy;
    private final Executor downloadExecutor;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Map<String, CompletableFuture<Path>> inProgress = new ConcurrentHashMap<>();

    public AudioFetcher(
            AudioDownloader downloader,
            RetryPolicy retryPolicy,
            Executor downloadExecutor,
            ScheduledExecutorService scheduler,
            Clock clock) {
        this.downloader = downloader;
        this.retryPolicy = retryPolicy;
        this.downloadExecutor = downloadExecutor;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * Starts (or joins) the download of this audio.
     *
     * @param deadline transient failures are not retried past this instant (the entry's play time)
     */
    public CompletableFuture<Path> fetch(AudioRef audio, Instant deadline) {
        String key = String.valueOf(audio.sha256());
        CompletableFuture<Path> created = new CompletableFuture<>();
        CompletableFuture<Path> existing = inProgress.putIfAbsent(key, created);
        if (existing != null) {
            return existing;
        }
        created.whenComplete((path, error) -> inProgress.remove(key, created));
        attempt(audio, deadline, 1, 0, created);
        return created;
    }

    private void attempt(
            AudioRef audio, Instant deadline, int attempt, int mismatches, CompletableFuture<Path> result) {
        try {
            downloadExecutor.execute(() -> runAttempt(audio, deadline, attempt, mismatches, result));
        } catch (RuntimeException rejected) {
            result.completeExceptionally(
                    new DownloadException(DownloadException.Kind.PERMANENT, "the agent is shutting down", rejected));
        }
    }

    private void runAttempt(
            AudioRef audio, Instant deadline, int attempt, int mismatches, CompletableFuture<Path> result) {
        try {
            result.complete(downloader.download(audio));
        } catch (DownloadException e) {
            int mismatchCount = mismatches + (e.kind() == DownloadException.Kind.CHECKSUM_MISMATCH ? 1 : 0);
            Duration delay = retryPolicy.delayAfter(attempt);
            String giveUp = whyGiveUp(e, attempt, mismatchCount, deadline, delay);
            if (giveUp != null) {
                result.completeExceptionally(new DownloadException(e.kind(), e.getMessage() + giveUp, e));
                return;
            }
            LOG.warning("attempt " + attempt + " failed, retrying in " + delay.toMillis() + " ms: " + e.getMessage());
            try {
                scheduler.schedule(
                        () -> attempt(audio, deadline, attempt + 1, mismatchCount, result),
                        delay.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RuntimeException rejected) {
                result.completeExceptionally(e);
            }
        } catch (RuntimeException e) {
            result.completeExceptionally(new DownloadException(
                    DownloadException.Kind.PERMANENT,
                    "unexpected error while downloading " + audio.url() + ": " + e,
                    e));
        }
    }

    private String whyGiveUp(DownloadException e, int attempt, int mismatches, Instant deadline, Duration delay) {
        return switch (e.kind()) {
            case PERMANENT -> "";
            case CHECKSUM_MISMATCH ->
                mismatches >= retryPolicy.maxMismatchAttempts() ? " (gave up after " + attempt + " attempts)" : null;
            case TRANSIENT -> {
                if (attempt >= retryPolicy.maxTransientAttempts()) {
                    yield " (gave up after " + attempt + " attempts)";
                }
                if (deadline != null && clock.instant().plus(delay).isAfter(deadline)) {
                    yield " (gave up after " + attempt + " attempts: the play time is too close to retry)";
                }
                yield null;
            }
        };
    }
}
