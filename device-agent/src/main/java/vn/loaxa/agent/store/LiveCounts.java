package vn.loaxa.agent.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.loaxa.agent.protocol.LiveReport;

/**
 * The counts of the live sessions this agent was playing when it stopped, one file per occurrence, so that a
 * restarted agent rejoins the session and its PLAYED still counts what played before the restart.
 */
public final class LiveCounts {

    private static final Logger LOG = Logger.getLogger(LiveCounts.class.getName());
    /** Name of the directory inside the cache directory. */
    public static final String DIRECTORY = "live";

    private final Path dir;
    private final ObjectMapper json;

    public LiveCounts(Path cacheDir, ObjectMapper json) throws IOException {
        this.dir = Files.createDirectories(cacheDir.resolve(DIRECTORY));
        this.json = json;
    }

    /** Keeps the counts of an occurrence's session; a failure is logged, as the counts are not worth a crash. */
    public void save(String occurrenceId, LiveReport counts) {
        try {
            AtomicFiles.write(file(occurrenceId), json.writeValueAsBytes(counts));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot keep the live counts of " + occurrenceId, e);
        }
    }

    /** The counts kept for an occurrence, if any. */
    public Optional<LiveReport> load(String occurrenceId) {
        Path file = file(occurrenceId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), LiveReport.class));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "ignoring unreadable " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Forgets an occurrence's counts once its session was reported. */
    public void forget(String occurrenceId) {
        try {
            Files.deleteIfExists(file(occurrenceId));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete the live counts of " + occurrenceId, e);
        }
    }

    /** Occurrence ids come from the manifest: the file is named by a hash of it, never by the id itself. */
    private Path file(String occurrenceId) {
        return dir.resolve(UUID.nameUUIDFromBytes(occurrenceId.getBytes(StandardCharsets.UTF_8)) + ".json");
    }
}
