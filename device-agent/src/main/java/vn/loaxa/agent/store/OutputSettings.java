package vn.loaxa.agent.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Volume and mute as set by remote commands, kept on disk so that a restart does not undo them. Thread-safe.
 */
public final class OutputSettings {

    private static final Logger LOG = Logger.getLogger(OutputSettings.class.getName());
    /** File name inside the cache directory. */
    public static final String FILE_NAME = "output.json";

    /** What is stored. */
    public record Values(int volume, boolean muted) {}

    private final Path file;
    private final ObjectMapper json;
    private volatile Values values;

    /** Loads the stored values, or starts from {@code initialVolume}, unmuted. */
    public OutputSettings(Path cacheDir, ObjectMapper json, int initialVolume) {
        this.file = cacheDir.resolve(FILE_NAME);
        this.json = json;
        Values loaded = null;
        if (Files.exists(file)) {
            try {
                loaded = json.readValue(file.toFile(), Values.class);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "ignoring unreadable " + file + ": " + e.getMessage());
            }
        }
        this.values = loaded != null ? loaded : new Values(initialVolume, false);
    }

    public int volume() {
        return values.volume();
    }

    public boolean muted() {
        return values.muted();
    }

    public synchronized void setVolume(int volume) {
        store(new Values(volume, values.muted()));
    }

    public synchronized void setMuted(boolean muted) {
        store(new Values(values.volume(), muted));
    }

    private void store(Values newValues) {
        values = newValues;
        try {
            AtomicFiles.write(file, json.writeValueAsBytes(newValues));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot store " + file + "; the setting holds until restart", e);
        }
    }
}
