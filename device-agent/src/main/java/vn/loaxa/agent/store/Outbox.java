package vn.loaxa.agent.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import vn.loaxa.agent.protocol.AgentEvent;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The durable outbox: every event is written here (one small JSON file per event id, atomically) before it is
 * published, and deleted only once the broker has acknowledged it.
 */
public final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
    /** Name of the outbox directory inside the cache directory. */
    public static final String DIRECTORY = "outbox";
    private static final String SUFFIX = ".json";

    private final Path dir;
    private final ObjectMapper json;

    public Outbox(Path cacheDir, ObjectMapper json) throws IOException {
        this.dir = Files.createDirectories(cacheDir.resolve(DIRECTORY));
        this.json = json;
    }

    /**
     * Stores the event durably.
     *
     * @return false if an event with the same id is already waiting in the outbox (it is not duplicated)
     */
    public synchronized boolean add(AgentEvent event) throws IOException {
        Path file = fileOf(event.id());
        if (Files.exists(file)) {
            return false;
        }
        AtomicFiles.write(file, json.writeValueAsBytes(event));
        return true;
    }

    /** Removes an acknowledged event. */
    public void remove(UUID eventId) {
        try {
            Files.deleteIfExists(fileOf(eventId));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete acknowledged event " + eventId + " from the outbox", e);
        }
    }

    /** True if the event is still waiting for acknowledgement. */
    public boolean contains(UUID eventId) {
        return Files.exists(fileOf(eventId));
    }

    /** Every waiting event, oldest first. Unreadable files are logged and moved aside. */
    public List<AgentEvent> pending() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list the outbox " + dir, e);
            return List.of();
        }
        files.sort(Comparator.comparing(Outbox::modified).thenComparing(Path::toString));
        List<AgentEvent> events = new ArrayList<>(files.size());
        for (Path file : files) {
            if (AtomicFiles.isTemporary(file)) {
                continue;
            }
            try {
                events.add(json.readValue(file.toFile(), AgentEvent.class));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "moving unreadable outbox file aside: " + file, e);
                quarantine(file);
            }
        }
        return events;
    }

    private void quarantine(Path file) {
        try {
            Files.move(file, file.resolveSibling(file.getFileName() + ".bad"));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot move " + file + " aside", e);
        }
    }

    private Path fileOf(UUID eventId) {
        return dir.resolve(eventId + SUFFIX);
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
