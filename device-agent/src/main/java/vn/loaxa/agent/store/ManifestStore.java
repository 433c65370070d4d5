package vn.loaxa.agent.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.loaxa.agent.protocol.Areas;
import vn.loaxa.agent.protocol.Manifest;

/**
 * Keeps the latest accepted manifests on disk (the receiver's own, and one per area it listens to) and the list of
 * those areas, so that a restarted agent still knows its schedule.
 */
public final class ManifestStore {

    private static final Logger LOG = Logger.getLogger(ManifestStore.class.getName());
    /** File name of the stored manifest inside the cache directory. */
    public static final String FILE_NAME = "manifest.json";

    private static final String AREAS_FILE = "areas.json";

    private final Path dir;
    private final Path file;
    private final ObjectMapper json;

    public ManifestStore(Path cacheDir, ObjectMapper json) {
        this.dir = cacheDir;
        this.file = cacheDir.resolve(FILE_NAME);
        this.json = json;
    }

    /** The stored own manifest; empty if there is none or it cannot be read (which is logged). */
    public Optional<Manifest> load() {
        return load(file);
    }

    /** The stored manifest of an area. */
    public Optional<Manifest> loadArea(String areaCode) {
        return load(areaFile(areaCode));
    }

    /** Replaces the stored manifest of an area atomically. */
    public void saveArea(String areaCode, Manifest manifest) throws IOException {
        AtomicFiles.write(areaFile(areaCode), json.writeValueAsBytes(manifest));
    }

    /** Forgets an area the receiver no longer belongs to. */
    public void deleteArea(String areaCode) throws IOException {
        Files.deleteIfExists(areaFile(areaCode));
    }

    /** The stored list of areas; empty if there is none or it cannot be read. */
    public Optional<Areas> loadAreas() {
        Path areas = dir.resolve(AREAS_FILE);
        if (!Files.exists(areas)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(areas.toFile(), Areas.class))
                    .filter(Areas::isComplete);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "ignoring unreadable stored areas " + areas + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    public void saveAreas(Areas areas) throws IOException {
        AtomicFiles.write(dir.resolve(AREAS_FILE), json.writeValueAsBytes(areas));
    }

    private Path areaFile(String areaCode) {
        return dir.resolve("manifest-area-" + areaCode + ".json");
    }

    private Optional<Manifest> load(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Manifest manifest = json.readValue(file.toFile(), Manifest.class);
            return manifest != null && manifest.isComplete() ? Optional.of(manifest) : Optional.empty();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "ignoring unreadable stored manifest " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Replaces the stored manifest atomically. */
    public void save(Manifest manifest) throws IOException {
        AtomicFiles.write(file, json.writeValueAsBytes(manifest));
    }
}
