package vn.loaxa.agent.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Remembers which events have already happened, one empty marker file per event id, so that a restarted agent
 * neither repeats DELIVERED nor plays an entry twice. Markers of entries that left the manifest are pruned.
 */
public final class EntryJournal {

    private static final Logger LOG = Logger.getLogger(EntryJournal.class.getName());
    /** Name of the journal directory inside the cache directory. */
    public static final String DIRECTORY = "journal";

    private final Path dir;

    public EntryJournal(Path cacheDir) throws IOException {
        this.dir = Files.createDirectories(cacheDir.resolve(DIRECTORY));
    }

    /** Records that the event with this id happened. */
    public void mark(UUID eventId) {
        try {
            Files.createFile(dir.resolve(eventId.toString()));
        } catch (FileAlreadyExistsException e) {
            // already recorded
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal marker in " + dir, e);
        }
    }

    /** True if the event with this id happened. */
    public boolean has(UUID eventId) {
        return Files.exists(dir.resolve(eventId.toString()));
    }

    /** Deletes every marker whose event id is not in {@code keep}. */
    public void retainOnly(Set<UUID> keep) {
        try (DirectoryStream<Path> markers = Files.newDirectoryStream(dir)) {
            for (Path marker : markers) {
                if (!keep.contains(parse(marker))) {
                    Files.deleteIfExists(marker);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot prune journal " + dir, e);
        }
    }

    private static UUID parse(Path marker) {
        try {
            return UUID.fromString(marker.getFileName().toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
