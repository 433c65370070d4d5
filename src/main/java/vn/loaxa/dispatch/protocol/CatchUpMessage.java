package vn.loaxa.dispatch.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A receiver's request for the manifests it lacks, with the versions it holds (docs/protocol.md, "Catch-up"): its own
 * manifest's, the area chain it knows and its areas' manifests'. Absent versions mean it holds none.
 */
public record CatchUpMessage(
        String schema,
        String receiverId,
        Instant at,
        Long manifestVersion,
        List<String> areas,
        Map<String, Long> areaVersions) {
    public static final String SCHEMA = "loaxa.catchup/1";

    /** The area chain the receiver knows; empty when it knows none. */
    public List<String> knownAreas() {
        return areas == null ? List.of() : areas;
    }

    /** The version the receiver holds of an area's manifest; 0 when none. */
    public long heldAreaVersion(String code) {
        Long held = areaVersions == null ? null : areaVersions.get(code);
        return held == null ? 0 : held;
    }

    /** The version the receiver holds of its own manifest; 0 when none. */
    public long heldManifestVersion() {
        return manifestVersion == null ? 0 : manifestVersion;
    }
}
