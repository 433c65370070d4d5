package vn.loaxa.agent.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.loaxa.agent.protocol.AgentEvent;
import vn.loaxa.agent.protocol.EventType;

/**
 * The durable outbox: every event is written here (one small JSON file per event id, atomically) before it is
 * published, and deleted only once the server has acknowledged that it stored it. It holds at most
 * {@code maxEvents}; when it is full, the oldest low-value event (DELIVERED, DOWNLOADED, then PLAYING) makes room,
 * and only if there is none the oldest event of any kind. Every such drop is counted.
 */
public final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
    /** Name of the outbox directory inside the cache directory. */
    public static final String DIRECTORY = "outbox";
    /** Default bound for {@link #Outbox(Path, ObjectMapper)}. */
    public static final int DEFAULT_MAX_EVENTS = 10_000;
    /** Dropped first when the outbox is full: the final events tell the server what it most needs. */
    private static final List<Set<EventType>> DROP_ORDER = List.of(
            EnumSet.of(EventType.DELIVERED, EventType.DOWNLOADED),
            EnumSet.of(EventType.PLAYING),
            EnumSet.allOf(EventType.class));

    private static final String SUFFIX = ".json";

    private final Path dir;
    private final ObjectMapper json;
    private final int maxEvents;
    /** Waiting events in arrival order. */
    private final Map<UUID, EventType> index = new LinkedHashMap<>();

    private final AtomicLong dropped = new AtomicLong();

    public Outbox(Path cacheDir, ObjectMapper json) throws IOException {
        this(cacheDir, json, DEFAULT_MAX_EVENTS);
    }

    public Outbox(Path cacheDir, ObjectMapper json, int maxEvents) throws IOException {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be positive");
        }
        this.dir = Files.createDirectories(cacheDir.resolve(DIRECTORY));
        this.json = json;
        this.maxEvents = maxEvents;
        for (AgentEvent event : readAll()) {
            index.put(event.id(), event.event());
        }
    }

    /**
     * Stores the event durably, dropping the least valuable waiting event if the outbox is full.
     *
     * @return false if an event with the same id is already waiting in the outbox (it is not duplicated)
     */
    public synchronized boolean add(AgentEvent event) throws IOException {
        if (index.containsKey(event.id())) {
            return false;
        }
        while (index.size() >= maxEvents) {
            dropOne();
        }
        AtomicFiles.write(fileOf(event.id()), json.writeValueAsBytes(event));
        index.put(event.id(), event.event());
        return true;
    }

    /** Removes an acknowledged event. */
    public void remove(UUID eventId) {
        synchronized (this) {
            index.remove(eventId);
        }
        delete(eventId);
    }

    /** True if the event is still waiting for acknowledgement. */
    public synchronized boolean contains(UUID eventId) {
        return index.containsKey(eventId);
    }

    /** How many events are waiting. */
    public synchronized int size() {
        return index.size();
    }

    /** Events dropped because the outbox was full, since this outbox was opened. */
    public long dropped() {
        return dropped.get();
    }

    /** Every waiting event, oldest first. Unreadable files are logged and moved aside. */
    public List<AgentEvent> pending() {
        return pending(Integer.MAX_VALUE, Set.of());
    }

    /**
     * The oldest waiting events, at most {@code limit}, leaving out {@code skip} (e.g. those in flight); only
     * their files are read.
     */
    public List<AgentEvent> pending(int limit, Set<UUID> skip) {
        return pending(limit, id -> !skip.contains(id));
    }

    /** The oldest waiting events that are {@code eligible}, at most {@code limit}; only their files are read. */
    public List<AgentEvent> pending(int limit, Predicate<UUID> eligible) {
        List<UUID> ids = new ArrayList<>();
        synchronized (this) {
            for (UUID id : index.keySet()) {
                if (ids.size() == limit) {
                    break;
                }
                if (eligible.test(id)) {
                    ids.add(id);
                }
            }
        }
        List<AgentEvent> events = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            Path file = fileOf(id);
            try {
                events.add(json.readValue(file.toFile(), AgentEvent.class));
            } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException gone) {
                synchronized (this) {
                    index.remove(id);
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "moving unreadable outbox file aside: " + file, e);
                synchronized (this) {
                    index.remove(id);
                }
                quarantine(file);
            }
        }
        return events;
    }

    private void dropOne() {
        for (Set<EventType> kinds : DROP_ORDER) {
            Iterator<Map.Entry<UUID, EventType>> waiting = index.entrySet().iterator();
            while (waiting.hasNext()) {
                Map.Entry<UUID, EventType> candidate = waiting.next();
                if (kinds.contains(candidate.getValue())) {
                    waiting.remove();
                    delete(candidate.getKey());
                    long total = dropped.incrementAndGet();
                    LOG.warning("outbox full (" + maxEvents + " events): dropped " + candidate.getValue() + " "
                            + candidate.getKey() + " (" + total + " dropped so far)");
                    return;
                }
            }
        }
    }

    private List<AgentEvent> readAll() {
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

    private void delete(UUID eventId) {
        try {
            Files.deleteIfExists(fileOf(eventId));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete event " + eventId + " from the outbox", e);
        }
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
