package vn.loaxa.media.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import vn.loaxa.access.OwnerFilter;
import vn.loaxa.access.Scope;
import vn.loaxa.account.service.AccountAreas;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.ErrorMessageJson;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.common.text.SearchText;
import vn.loaxa.media.api.MediaView;
import vn.loaxa.media.model.Media;
import vn.loaxa.media.model.MediaRepository;
import vn.loaxa.media.model.MediaStatus;

/**
 * Records media items and their processing state. Uploads are accepted at once as PROCESSING; {@link MediaProcessor}
 * turns them into distribution files off the request thread and reports back through this service.
 */
@ApplicationScoped
public class MediaService {
    private static final Logger LOG = Logger.getLogger(MediaService.class);
    /** The file name kept for an upload that came without one. */
    static final String UPLOAD = "upload";

    private final MediaRepository media;
    private final AudioStore store;

    private final AccountAreas owners;
    private final Instance<MediaUsage> usages;

    public MediaService(MediaRepository media, AudioStore store, AccountAreas owners, Instance<MediaUsage> usages) {
        this.owners = owners;
        this.media = media;
        this.store = store;
        this.usages = usages;
    }

    /**
     * Takes over an upload and records it as PROCESSING. The caller hands the returned id to
     * {@link MediaProcessor#submit} once this transaction has committed.
     */
    @Transactional
    public MediaView accept(
            Path upload, String originalFilename, String title, String language, String transcript, String user) {
        Path kept = store.keepUpload(upload);
        try {
            Media item = new Media();
            item.id = UUID.randomUUID();
            item.title = title.strip();
            item.language = language;
            item.status = MediaStatus.PROCESSING;
            item.progress = 0;
            item.uploadPath = kept.toString();
            // only items the server assembles itself (bulletin variants) have no original file name
            item.originalFilename = originalFilename == null || originalFilename.isBlank() ? UPLOAD : originalFilename;
            item.transcript = transcript == null || transcript.isBlank() ? null : transcript.strip();
            item.searchText = SearchText.document(item.title, item.transcript);
            item.createdBy = user;
            item.ownerArea = owners.areaOf(user);
            item.createdAt = OffsetDateTime.now();
            item.updatedAt = item.createdAt;
            media.persist(item);
            return view(item);
        } catch (RuntimeException e) {
            store.deleteQuietly(kept);
            throw e;
        }
    }

    /** The upload of an item still PROCESSING, or empty when it has already ended. */
    @Transactional
    public Optional<Path> pendingUpload(UUID id) {
        return media.findByIdOptional(id)
                .filter(m -> m.status == MediaStatus.PROCESSING && m.uploadPath != null)
                .map(m -> Path.of(m.uploadPath));
    }

    @Transactional
    public void progress(UUID id, int percent) {
        media.update(
                "progress = ?1, updatedAt = ?2 where id = ?3 and status = ?4 and progress < ?1",
                Math.min(99, percent),
                OffsetDateTime.now(),
                id,
                MediaStatus.PROCESSING);
    }

    /** Proves that this replica is still working on these items, so that no sweep fails them. */
    @Transactional
    public void heartbeat(List<UUID> ids) {
        if (!ids.isEmpty()) {
            media.update(
                    "updatedAt = ?1 where id in ?2 and status = ?3", OffsetDateTime.now(), ids, MediaStatus.PROCESSING);
        }
    }

    @Transactional
    public void complete(UUID id, TranscodeResult result, StoredFile opus, StoredFile mp3) {
        Media item = find(id);
        item.status = MediaStatus.READY;
        item.progress = 100;
        item.uploadPath = null;
        item.durationMs = result.durationMs();
        item.sha256 = opus.sha256();
        item.sizeBytes = opus.sizeBytes();
        item.mp3Sha256 = mp3.sha256();
        item.mp3SizeBytes = mp3.sizeBytes();
        item.loudnessLufs = round1(result.outputLoudnessLufs());
        item.truePeakDbtp = round1(result.outputTruePeakDbtp());
        item.updatedAt = OffsetDateTime.now();
        LOG.infof(
                "Media %s ready: %d ms, %.1f LUFS, %.1f dBTP, sha256 %s",
                id, item.durationMs, item.loudnessLufs, item.truePeakDbtp, opus.sha256());
    }

    @Transactional
    public void fail(UUID id, ErrorMessage why) {
        String reason = why.english();
        media.findByIdOptional(id)
                .filter(m -> m.status == MediaStatus.PROCESSING)
                .ifPresent(item -> {
                    item.status = MediaStatus.FAILED;
                    item.failureReason = reason.length() > 1000 ? reason.substring(0, 997) + "…" : reason;
                    String text = ErrorMessageJson.write(why);
                    item.failureText = text.length() > 2000 ? null : text;
                    item.uploadPath = null;
                    item.updatedAt = OffsetDateTime.now();
                    LOG.infof("Media %s failed: %s", id, reason);
                });
    }

    /** Items still PROCESSING whose progress has not moved since {@code before}, with their uploads. */
    @Transactional
    public List<StaleItem> stale(OffsetDateTime before) {
        return media.list("status = ?1 and updatedAt < ?2", MediaStatus.PROCESSING, before).stream()
                .map(m -> new StaleItem(m.id, m.uploadPath == null ? null : Path.of(m.uploadPath)))
                .toList();
    }

    /** The newest media items first, for the library page. */
    @Transactional
    public List<MediaView> recent(int limit) {
        return recent(limit, Scope.NATIONWIDE);
    }

    /**
     * The newest uploaded and spoken items the scope may read. Items the server assembled (the language variants of
     * bulletins, which have no original file) are left out: they are shown under their bulletins.
     */
    @Transactional
    public List<MediaView> recent(int limit, Scope scope) {
        return recent(limit, scope, ErrorMessage.DEFAULT);
    }

    /** As {@link #recent(int, Scope)}, with failures in the reader's language. */
    @Transactional
    public List<MediaView> recent(int limit, Scope scope, Locale reader) {
        OwnerFilter filter = OwnerFilter.readableBy(scope);
        return media
                .find(
                        "(" + filter.jpql() + ") and originalFilename is not null order by createdAt desc",
                        filter.parameters())
                .page(0, limit)
                .list()
                .stream()
                .map(m -> view(m, reader))
                .toList();
    }

    /** Of the given items, the ids of those the scope may change (delete): owned within its subtree. */
    @Transactional
    public Set<UUID> changeable(Collection<UUID> ids, Scope scope) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        OwnerFilter filter = OwnerFilter.changeableBy(scope);
        Map<String, Object> parameters = new HashMap<>(filter.parameters());
        parameters.put("ids", ids);
        return media.find("id in :ids and (" + filter.jpql() + ")", parameters).stream()
                .map(item -> item.id)
                .collect(Collectors.toSet());
    }

    /** As {@link #ownerArea}, but null for a missing item, which the service using it reports in its own words. */
    @Transactional
    public String ownerAreaIfExists(UUID id) {
        return media.findByIdOptional(id).map(item -> item.ownerArea).orElse(null);
    }

    /** The area that owns the item; null when it was made nationally (or assembled by the system). */
    @Transactional
    public String ownerArea(UUID id) {
        return find(id).ownerArea;
    }

    @Transactional
    public MediaView get(UUID id) {
        return view(find(id));
    }

    /** As {@link #get(UUID)}, with a failure in the reader's language. */
    @Transactional
    public MediaView get(UUID id, Locale reader) {
        return view(find(id), reader);
    }

    /** A stored distribution file of a READY media item, in the Ogg/Opus or the MP3 format. */
    @Transactional
    public StoredAudio audio(UUID id, String format) {
        Media item = find(id);
        if (item.status != MediaStatus.READY) {
            throw NotFoundException.of("Audio of media", id);
        }
        if (AudioStore.MP3.equals(format)) {
            if (item.mp3Sha256 == null) {
                throw NotFoundException.of("MP3 audio of media", id);
            }
            return new StoredAudio(store.path(item.mp3Sha256, AudioStore.MP3), item.mp3Sha256, item.mp3SizeBytes);
        }
        return new StoredAudio(store.path(item.sha256), item.sha256, item.sizeBytes);
    }

    /**
     * Deletes an item that nothing uses (a failed upload, or one no bulletin has taken) with its stored files. An item
     * still processing, or one that a bulletin or a broadcast uses, is refused with a conflict naming the bulletins.
     * Files whose content another item shares are kept.
     */
    public void delete(UUID id) {
        List<Path> files = QuarkusTransaction.requiringNew().call(() -> {
            Media item = find(id);
            if (item.status == MediaStatus.PROCESSING) {
                throw new ConflictException(ErrorMessage.of("media.delete.processing", item.title));
            }
            Set<String> users = new LinkedHashSet<>();
            usages.forEach(usage -> users.addAll(usage.usersOf(id)));
            if (!users.isEmpty()) {
                throw new ConflictException(
                        ErrorMessage.of("media.delete.in-use", item.title, quoted(users)), List.copyOf(users));
            }
            List<Path> unused = new ArrayList<>();
            if (item.uploadPath != null) {
                unused.add(Path.of(item.uploadPath));
            }
            if (item.sha256 != null && media.count("id <> ?1 and sha256 = ?2", id, item.sha256) == 0) {
                unused.add(store.path(item.sha256, AudioStore.OPUS));
            }
            if (item.mp3Sha256 != null && media.count("id <> ?1 and mp3Sha256 = ?2", id, item.mp3Sha256) == 0) {
                unused.add(store.path(item.mp3Sha256, AudioStore.MP3));
            }
            media.delete(item);
            try {
                media.flush();
            } catch (PersistenceException e) {
                throw new ConflictException(
                        "Media '" + item.title + "' is still referenced by past deliveries;" + " it cannot be deleted");
            }
            return unused;
        });
        files.forEach(store::deleteQuietly);
        LOG.infof("Media %s deleted with %d stored file(s)", id, files.size());
    }

    private static String quoted(Set<String> titles) {
        return titles.stream()
                .map(t -> "'" + t + "'")
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }

    public record StoredAudio(Path path, String sha256, long sizeBytes) {}

    public record StoredFile(String sha256, long sizeBytes) {}

    public record StaleItem(UUID id, Path upload) {}

    private Media find(UUID id) {
        return media.findByIdOptional(id).orElseThrow(() -> NotFoundException.of("Media", id));
    }

    private static Double round1(double value) {
        return Double.isFinite(value) ? Math.round(value * 10) / 10.0 : null;
    }

    public static MediaView view(Media m) {
        return view(m, ErrorMessage.DEFAULT);
    }

    /** The item, its failure (if any) in the reader's language. */
    public static MediaView view(Media m, Locale reader) {
        boolean ready = m.status == MediaStatus.READY;
        String audioUrl = ready ? "/api/v1/media/" + m.id + "/audio" : null;
        String mp3Url = ready && m.mp3Sha256 != null ? "/api/v1/media/" + m.id + "/audio.mp3" : null;
        return new MediaView(
                m.id,
                m.title,
                m.language,
                m.status,
                m.progress,
                m.durationMs,
                m.sha256,
                m.sizeBytes,
                m.loudnessLufs,
                m.truePeakDbtp,
                m.failureText == null
                        ? m.failureReason
                        : ErrorMessageJson.read(m.failureText).render(reader),
                audioUrl,
                m.mp3Sha256,
                m.mp3SizeBytes,
                mp3Url,
                m.transcript,
                m.createdAt);
    }
}
