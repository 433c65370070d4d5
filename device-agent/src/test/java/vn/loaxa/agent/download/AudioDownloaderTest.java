package vn.loaxa.agent.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.protocol.AudioRef;
import vn.loaxa.agent.support.AudioServer;

class AudioDownloaderTest {

    private static final String RECEIVER = "rx-dl";
    private static final String SECRET = "dl-secret";
    private static final String PATH = "/api/v1/media/m1/audio";

    @TempDir
    Path cacheDir;

    private final byte[] content = randomBytes(200_000);
    private final String sha256 = sha256(content);
    private AudioServer server;
    private AudioDownloader downloader;
    private String url;

    @BeforeEach
    void startServer() throws Exception {
        server = AudioServer.requiringBasic(RECEIVER, SECRET);
        url = server.serve(PATH, content);
        downloader = new AudioDownloader(HttpClient.newHttpClient(), cacheDir, RECEIVER, SECRET);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void shouldDownloadVerifyAndCacheAsOgg() throws Exception {
        Path file = downloader.download(audio(sha256, (long) content.length));

        assertThat(file).isEqualTo(cacheDir.resolve(sha256 + ".ogg"));
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(cacheDir.resolve(sha256 + ".part")).doesNotExist();
        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.range()).isNull();
            assertThat(request.authorization()).startsWith("Basic ");
        });
    }

    @Test
    void shouldNotDownloadAgainWhenCachedFileVerifies() throws Exception {
        downloader.download(audio(sha256, null));
        downloader.download(audio(sha256, null));

        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldResumePartialFileWithRangeHeader() throws Exception {
        int have = 70_000;
        Files.write(cacheDir.resolve(sha256 + ".part"), Arrays.copyOf(content, have));

        Path file = downloader.download(audio(sha256, (long) content.length));

        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(server.requests())
                .singleElement()
                .satisfies(request -> assertThat(request.range()).isEqualTo("bytes=" + have + "-"));
    }

    @Test
    void shouldDeleteFileAndExplainWhenShaDoesNotMatch() {
        String wrong = sha256("something else".getBytes(StandardCharsets.UTF_8));

        DownloadException failure = (DownloadException) catchThrowable(() -> downloader.download(audio(wrong, null)));

        assertThat(failure.kind()).isEqualTo(DownloadException.Kind.CHECKSUM_MISMATCH);
        assertThat(failure.getMessage())
                .contains("sha256 mismatch after download: expected " + wrong.substring(0, 8) + "…, got "
                        + sha256.substring(0, 8) + "…");
        assertThat(cacheDir.resolve(wrong + ".part")).doesNotExist();
        assertThat(cacheDir.resolve(wrong + ".ogg")).doesNotExist();
    }

    @Test
    void shouldFailAfterRetriesWhenShaNeverMatchesAndKeepNoFile() throws Exception {
        String wrong = sha256("something else".getBytes(StandardCharsets.UTF_8));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            AudioFetcher fetcher = new AudioFetcher(
                    downloader,
                    new RetryPolicy(3, 5, Duration.ofMillis(10), Duration.ofMillis(50)),
                    pool,
                    scheduler,
                    Clock.systemUTC());

            CompletableFuture<Path> result =
                    fetcher.fetch(audio(wrong, null), Instant.now().plusSeconds(60));

            await().atMost(Duration.ofSeconds(10)).until(result::isDone);
            assertThatThrownBy(result::join)
                    .hasCauseInstanceOf(DownloadException.class)
                    .hasMessageContaining("sha256 mismatch")
                    .hasMessageContaining("gave up after 3 attempts");
            assertThat(server.requests()).hasSize(3);
            try (var files = Files.list(cacheDir)) {
                assertThat(files).isEmpty();
            }
        } finally {
            scheduler.shutdownNow();
            pool.shutdownNow();
            assertThat(scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void shouldShareOneDownloadBetweenEntriesWithTheSameAudio() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            AudioFetcher fetcher =
                    new AudioFetcher(downloader, RetryPolicy.defaults(), pool, scheduler, Clock.systemUTC());

            CompletableFuture<Path> first = fetcher.fetch(audio(sha256, null), null);
            CompletableFuture<Path> second = fetcher.fetch(audio(sha256, null), null);

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(second.get(10, TimeUnit.SECONDS));
            assertThat(server.requests()).hasSize(1);
        } finally {
            scheduler.shutdownNow();
            pool.shutdownNow();
        }
    }

    @Test
    void shouldReportWrongCredentialsAsPermanent() {
        AudioDownloader intruder = new AudioDownloader(HttpClient.newHttpClient(), cacheDir, RECEIVER, "wrong");

        DownloadException failure = (DownloadException) catchThrowable(() -> intruder.download(audio(sha256, null)));

        assertThat(failure.kind()).isEqualTo(DownloadException.Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("HTTP 401").contains("secret");
    }

    @Test
    void shouldRejectShaThatCouldEscapeTheCacheDirectory() {
        DownloadException failure =
                (DownloadException) catchThrowable(() -> downloader.download(audio("../../escape", null)));

        assertThat(failure.kind()).isEqualTo(DownloadException.Kind.PERMANENT);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void shouldRejectNonHttpUrl() {
        DownloadException failure = (DownloadException)
                catchThrowable(() -> downloader.download(new AudioRef("file:///etc/passwd", sha256, null, null, null)));

        assertThat(failure.kind()).isEqualTo(DownloadException.Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("not an absolute http(s) URL");
    }

    private AudioRef audio(String sha, Long size) {
        return new AudioRef(url, sha, 1000L, size, "audio/ogg");
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
