package vn.loaxa.agent;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.loaxa.agent.protocol.Areas;
import vn.loaxa.agent.protocol.Manifest;
import vn.loaxa.agent.protocol.ManifestEntry;
import vn.loaxa.agent.store.ManifestStore;

/**
 * The manifests an agent holds: the receiver's own, its areas' (by area code) and the list of its areas, each
 * stored as it is accepted. A version must grow per topic; after a RESYNC the version held is accepted once more.
 * What the agent plays is the {@linkplain #merged() union} of them.
 */
final class ManifestState {

    private static final Logger LOG = Logger.getLogger(ManifestState.class.getName());

    /**
     * What a newer list of areas changed.
     *
     * @param joined      areas the receiver did not belong to before
     * @param left        areas it no longer belongs to
     * @param entriesLeft true if a manifest of an area left was held, so the schedule changes
     */
    record AreasChange(List<String> joined, List<String> left, boolean entriesLeft) {}

    private final String receiverId;
    private final ManifestStore store;
    private final MessageCounters counters;
    private volatile Long ownVersion;
    private volatile Manifest own;
    private final Map<String, Manifest> byArea = new ConcurrentHashMap<>();
    private volatile Areas areas;
    /** Topics on which a RESYNC accepts the version already held once more. */
    private final Set<String> resyncing = ConcurrentHashMap.newKeySet();

    ManifestState(String receiverId, ManifestStore store, MessageCounters counters) {
        this.receiverId = receiverId;
        this.store = store;
        this.counters = counters;
    }

    /** Loads the stored areas and manifests; true if any manifest was there to apply. */
    boolean restore() {
        store.loadAreas()
                .filter(stored -> receiverId.equals(stored.receiverId()))
                .ifPresent(stored -> {
                    areas = stored;
                    for (String code : stored.areas()) {
                        store.loadArea(code).filter(m -> code.equals(m.area())).ifPresent(m -> byArea.put(code, m));
                    }
                });
        store.load()
                .filter(manifest -> receiverId.equals(manifest.receiverId()))
                .ifPresent(manifest -> {
                    own = manifest;
                    ownVersion = manifest.version();
                });
        if (own == null && byArea.isEmpty()) {
            return false;
        }
        LOG.info(() -> receiverId + " restoring stored manifests: own " + version() + ", areas " + byArea.keySet());
        return true;
    }

    /** The version of the receiver's own manifest, if any. */
    OptionalLong version() {
        Long version = ownVersion;
        return version == null ? OptionalLong.empty() : OptionalLong.of(version);
    }

    /** The codes of the receiver's areas, root first. */
    List<String> areaCodes() {
        Areas held = areas;
        return held == null ? List.of() : held.areas();
    }

    /** True once a list of areas is held (received, or restored from disk). */
    boolean knowsAreas() {
        return areas != null;
    }

    /** The version held of each area's manifest, by area code. */
    Map<String, Long> areaVersions() {
        Map<String, Long> versions = new LinkedHashMap<>();
        byArea.forEach((code, manifest) -> versions.put(code, manifest.version()));
        return versions;
    }

    /** Takes the receiver's own manifest if it is newer than the one held; true if it was taken. */
    boolean acceptOwn(String topic, Manifest manifest) {
        if (!isNewer(topic, manifest.version(), ownVersion)) {
            return false;
        }
        try {
            store.save(manifest);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot store manifest version " + manifest.version() + "; applying it anyway", e);
        }
        counters.recordAccepted();
        own = manifest;
        ownVersion = manifest.version();
        return true;
    }

    /** Takes an area's manifest if it is newer than the one held for that area; true if it was taken. */
    boolean acceptArea(String topic, String code, Manifest manifest) {
        Manifest held = byArea.get(code);
        if (!isNewer(topic, manifest.version(), held == null ? null : held.version())) {
            return false;
        }
        try {
            store.saveArea(code, manifest);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot store the manifest of area " + code + "; applying it anyway", e);
        }
        counters.recordAccepted();
        byArea.put(code, manifest);
        return true;
    }

    /** Takes a newer list of areas, forgetting the manifests of the areas left; empty if it was not newer. */
    Optional<AreasChange> acceptAreas(String topic, Areas update) {
        Areas held = areas;
        if (!isNewer(topic, update.version(), held == null ? null : held.version())) {
            return Optional.empty();
        }
        try {
            store.saveAreas(update);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot store the areas; using them anyway", e);
        }
        List<String> before = areaCodes();
        areas = update;
        LOG.info(() -> receiverId + " listens to areas " + update.areas());
        List<String> left =
                before.stream().filter(code -> !update.areas().contains(code)).toList();
        boolean entriesLeft = false;
        for (String code : left) {
            entriesLeft |= byArea.remove(code) != null;
            try {
                store.deleteArea(code);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot delete the stored manifest of area " + code, e);
            }
        }
        List<String> joined =
                update.areas().stream().filter(code -> !before.contains(code)).toList();
        return Optional.of(new AreasChange(joined, left, entriesLeft));
    }

    /** The next message on this topic may repeat the version held (a RESYNC asked for it again). */
    void resyncOnce(String topic) {
        resyncing.add(topic);
    }

    /**
     * The union of the areas' manifests and the receiver's own, by occurrence id; the own manifest's entry wins when
     * both name one occurrence (docs/protocol.md, "Area manifests").
     */
    Map<String, ManifestEntry> merged() {
        Map<String, ManifestEntry> entries = new LinkedHashMap<>();
        for (String code : areaCodes()) {
            Manifest area = byArea.get(code);
            if (area != null) {
                area.entries().forEach(entry -> entries.put(entry.occurrenceId(), entry));
            }
        }
        Manifest held = own;
        if (held != null) {
            held.entries().forEach(entry -> entries.put(entry.occurrenceId(), entry));
        }
        return entries;
    }

    private boolean isNewer(String topic, Long version, Long held) {
        boolean resync = held != null && version.equals(held) && resyncing.remove(topic);
        if (held != null && version <= held && !resync) {
            counters.recordStale();
            LOG.info(() -> receiverId + " ignoring version " + version + " on " + topic + ", not newer than " + held);
            return false;
        }
        return true;
    }
}
