package vn.loaxa.agent.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import vn.loaxa.agent.protocol.Manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps the latest accepted manifest on disk, so that a restarted agent still knows its schedule. */
public final class ManifestStore {

    private static final Logger LOG = Logger.getLogger(ManifestStore.class.getName());
    /** File name of the stored manifest inside the cache directory. */
    public static final String FILE_NAME = "manifest.json";

    private final Path file;
    private final ObjectMapper json;

    public ManifestStore(Path cacheDir, ObjectMapper json) {
        this.file = cacheDir.resolve(FILE_NAME);
        this.json = json;
    }

    /** The stored manifest; empty if there is none or it cannot be read (which is logged). */
    public Optional<Manifest> load() {
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
