package vn.loaxa.agent.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.loaxa.agent.download.AudioDownloader;

/**
 * Keeps the audio cache under its size limit: files are ranked by last use (their modification time, refreshed
 * by {@link #touch} whenever a file is played or scheduled), and the least recently used go first, but never a
 * file that a scheduled entry still needs.
 */
public final class AudioCache {

    private static final Logger LOG = Logger.getLogger(AudioCache.class.getName());

    private final Path dir;
    private final long maxBytes;
    private final Clock clock;

    public AudioCache(Path cacheDir, long maxBytes, Clock clock) {
        this.dir = cacheDir;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** Marks a cached file as used now. */
    public void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot touch " + file, e);
        }
    }

    /** Bytes of audio in the cache. */
    public long usedBytes() {
        return audioFiles().stream().mapToLong(AudioCache::size).sum();
    }

    /** Bytes the cache can still take: the limit minus what is used, or the free disk space if less. */
    public long freeBytes() {
        long byLimit = Math.max(0, maxBytes - usedBytes());
        try {
            return Math.min(byLimit, Files.getFileStore(dir).getUsableSpace());
        } catch (IOException e) {
            return byLimit;
        }
    }

    /**
     * Deletes least recently used audio until the cache fits its limit.
     *
     * @param keepSha256 audio still scheduled; never deleted, even if the cache stays over its limit
     * @return the files deleted
     */
    public synchronized List<Path> evict(Set<String> keepSha256) {
        List<Path> files = audioFiles();
        long used = files.stream().mapToLong(AudioCache::size).sum();
        List<Path> deleted = new ArrayList<>();
        if (used <= maxBytes) {
            return deleted;
        }
        files.sort(Comparator.comparing(AudioCache::modified));
        for (Path file : files) {
            if (used <= maxBytes) {
                break;
            }
            String name = file.getFileName().toString();
            String sha256 = name.substring(0, name.length() - AudioDownloader.AUDIO_SUFFIX.length());
            if (keepSha256.contains(sha256)) {
                continue;
            }
            long size = size(file);
            try {
                Files.deleteIfExists(file);
                used -= size;
                deleted.add(file);
                LOG.info(() -> "evicted " + file.getFileName() + " (" + size + " bytes) from the audio cache");
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot evict " + file, e);
            }
        }
        if (used > maxBytes) {
            LOG.warning("the audio cache holds " + used + " bytes, over its limit of " + maxBytes
                    + ", all of it still scheduled");
        }
        return deleted;
    }

    private List<Path> audioFiles() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + AudioDownloader.AUDIO_SUFFIX)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list the audio cache " + dir, e);
        }
        return files;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
