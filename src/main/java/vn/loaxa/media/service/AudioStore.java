package vn.loaxa.media.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Content-addressed storage of distribution files ({@code media/ab/abcdef….ogg}, {@code ….mp3}) and of uploads awaiting processing. */
@ApplicationScoped
public class AudioStore {
    public static final String OPUS = "ogg";
    public static final String MP3 = "mp3";

    private final Path root;

    public AudioStore(@ConfigProperty(name = "loaxa.data-dir") Path dataDir) {
        this.root = dataDir.resolve("media").toAbsolutePath();
    }

    /** A fresh temporary file on the same file system as the store, so that {@link #commit} is a rename. */
    public Path newTempFile(String suffix) {
        try {
            Path tmp = Files.createDirectories(root.resolve("tmp"));
            return Files.createTempFile(tmp, "ingest-", suffix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary file under " + root, e);
        }
    }

    /**
     * Takes over an upload until it is processed: moved (or copied, across file systems) under {@code uploads/}, so
     * that it outlives the request that brought it.
     */
    public Path keepUpload(Path upload) {
        try {
            Path dir = Files.createDirectories(root.resolve("uploads"));
            Path kept = Files.createTempFile(dir, "upload-", ".bin");
            try {
                Files.move(upload, kept, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                Files.copy(upload, kept, StandardCopyOption.REPLACE_EXISTING);
            }
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the upload under " + root, e);
        }
    }

    /** Moves a finished Ogg/Opus file to its content address; a file with the same content already stored is kept. */
    public Path commit(Path file, String sha256) {
        return commit(file, sha256, OPUS);
    }

    /** Moves a finished file to its content address; a file with the same content already stored is kept. */
    public Path commit(Path file, String sha256, String extension) {
        Path target = path(sha256, extension);
        try {
            Files.createDirectories(target.getParent());
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            deleteQuietly(file);
        } catch (IOException e) {
            if (Files.exists(target)) {
                deleteQuietly(file);
            } else {
                throw new UncheckedIOException("Cannot store " + target, e);
            }
        }
        return target;
    }

    public Path path(String sha256) {
        return path(sha256, OPUS);
    }

    public Path path(String sha256, String extension) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        if (!extension.matches("[a-z0-9]{1,5}")) {
            throw new IllegalArgumentException("not a file extension: " + extension);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256 + "." + extension);
    }

    public void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temporary file is harmless; the tmp folder can be emptied at any time
        }
    }
}
