package vn.loaxa.agent.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.logging.Logger;
import vn.loaxa.agent.protocol.AudioRef;

/**
 * Makes one attempt to bring an entry's audio into the cache directory: {@code <sha256>.part} while downloading
 * (resumed with {@code Range} if a partial file exists), verified, then renamed to {@code <sha256>.ogg}.
 * A file that is already cached and verifies is not downloaded again.
 */
public final class AudioDownloader {

    private static final Logger LOG = Logger.getLogger(AudioDownloader.class.getName());
    /** Suffix of a verified audio file in the cache. */
    public static final String AUDIO_SUFFIX = ".ogg";
    /** Suffix of a download in progress. */
    public static final String PART_SUFFIX = ".part";
    /** How long to wait for the response headers. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final int HTTP_OK = 200;
    private static final int HTTP_PARTIAL = 206;
    private static final int HTTP_RANGE_NOT_SATISFIABLE = 416;
    private static final int HTTP_REQUEST_TIMEOUT = 408;
    private static final int HTTP_TOO_MANY_REQUESTS = 429;
    private static final int HTTP_CLIENT_ERRORS = 400;
    private static final int HTTP_SERVER_ERRORS = 500;

    private final HttpClient http;
    private final Path cacheDir;
    private final String authorization;

    /**
     * @param http       shared HTTP client
     * @param cacheDir   the receiver's cache directory
     * @param receiverId HTTP Basic user
     * @param secret     HTTP Basic password
     */
    public AudioDownloader(HttpClient http, Path cacheDir, String receiverId, String secret) {
        this.http = http;
        this.cacheDir = cacheDir;
        this.authorization = "Basic "
                + Base64.getEncoder().encodeToString((receiverId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** Where the verified audio with this SHA-256 lives. */
    public Path cachedFile(String sha256) {
        return cacheDir.resolve(sha256 + AUDIO_SUFFIX);
    }

    /** Where a download in progress for this SHA-256 lives. */
    public Path partFile(String sha256) {
        return cacheDir.resolve(sha256 + PART_SUFFIX);
    }

    /**
     * Ensures the verified audio is in the cache, downloading it if needed.
     *
     * @return the cached file
     * @throws DownloadException with a reason a person can act on
     */
    public Path download(AudioRef audio) throws DownloadException {
        if (!audio.hasValidSha256()) {
            throw new DownloadException(
                    DownloadException.Kind.PERMANENT,
                    "the manifest gives an invalid sha256 '" + audio.sha256() + "' (expected 64 lowercase hex digits)");
        }
        URI uri = parseUri(audio.url());
        String sha256 = audio.sha256();
        Path target = cachedFile(sha256);
        Path part = partFile(sha256);
        try {
            if (Files.exists(target)) {
                if (Sha256.matches(target, sha256)) {
                    return target;
                }
                LOG.warning("cached audio " + target + " no longer matches its sha256; downloading it again");
                Files.delete(target);
            }
            long have = Files.exists(part) ? Files.size(part) : 0;
            boolean complete = audio.sizeBytes() != null && have >= audio.sizeBytes();
            if (!complete) {
                fetch(uri, part, have);
            }
            String actual = Sha256.of(part);
            if (!actual.equals(sha256)) {
                Files.deleteIfExists(part);
                throw new DownloadException(
                        DownloadException.Kind.CHECKSUM_MISMATCH,
                        "sha256 mismatch after download: expected " + Sha256.abbreviate(sha256) + ", got "
                                + Sha256.abbreviate(actual) + " (from " + uri + ")");
            }
            moveIntoPlace(part, target);
            return target;
        } catch (IOException e) {
            throw new DownloadException(
                    DownloadException.Kind.TRANSIENT, "download of " + uri + " failed: " + describe(e), e);
        }
    }

    private void fetch(URI uri, Path part, long have) throws IOException, DownloadException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization)
                .GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException(DownloadException.Kind.TRANSIENT, "download of " + uri + " was interrupted", e);
        }
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status == HTTP_PARTIAL && have > 0) {
                copy(body, part, StandardOpenOption.APPEND);
            } else if (status == HTTP_OK) {
                copy(body, part, StandardOpenOption.TRUNCATE_EXISTING);
            } else if (status == HTTP_RANGE_NOT_SATISFIABLE) {
                Files.deleteIfExists(part);
                throw new DownloadException(
                        DownloadException.Kind.TRANSIENT,
                        "the server refused to resume " + uri + " at byte " + have + "; starting over");
            } else {
                throw failure(uri, status);
            }
        }
    }

    private static void copy(InputStream body, Path part, StandardOpenOption mode) throws IOException {
        try (OutputStream out =
                Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
            body.transferTo(out);
        }
    }

    private static DownloadException failure(URI uri, int status) {
        String reason = "the server answered HTTP " + status + " for " + uri;
        if (status == 401 || status == 403) {
            return new DownloadException(
                    DownloadException.Kind.PERMANENT,
                    reason + "; check the receiver's id and secret and that the media is dispatched to it");
        }
        if (status == 404) {
            return new DownloadException(DownloadException.Kind.PERMANENT, reason + "; the media does not exist");
        }
        boolean transientStatus = status >= HTTP_SERVER_ERRORS
                || status == HTTP_REQUEST_TIMEOUT
                || status == HTTP_TOO_MANY_REQUESTS
                || status < HTTP_CLIENT_ERRORS;
        return new DownloadException(
                transientStatus ? DownloadException.Kind.TRANSIENT : DownloadException.Kind.PERMANENT, reason);
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static URI parseUri(String url) throws DownloadException {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || uri.getHost() == null) {
                throw new DownloadException(
                        DownloadException.Kind.PERMANENT,
                        "the manifest gives an audio url that is not an absolute http(s) URL: " + url);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new DownloadException(
                    DownloadException.Kind.PERMANENT, "the manifest gives an audio url that is not a URL: " + url, e);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
