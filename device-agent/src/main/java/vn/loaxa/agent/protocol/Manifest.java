package vn.loaxa.agent.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A receiver's schedule for the dispatch horizon, or an area's (the entries that are the same for every receiver
 * below it). A newer manifest on a topic replaces the previous one from that topic completely; the agent plays the
 * union of its own manifest and its areas' manifests (docs/protocol.md, "Area manifests").
 *
 * @param schema      always {@link Schemas#MANIFEST}
 * @param receiverId  the receiver the manifest is for; absent on an area manifest
 * @param version     grows strictly with every manifest for this receiver
 * @param generatedAt when the server built it
 * @param entries     the schedule; empty clears it
 * @param area        the area code of an area manifest; absent on a receiver's own
 */
public record Manifest(
        String schema,
        String receiverId,
        Long version,
        Instant generatedAt,
        List<ManifestEntry> entries,
        @JsonInclude(JsonInclude.Include.NON_NULL) String area) {

    public Manifest {
        entries = entries == null ? null : List.copyOf(entries);
    }

    /** A receiver's own manifest. */
    public Manifest(String schema, String receiverId, Long version, Instant generatedAt, List<ManifestEntry> entries) {
        this(schema, receiverId, version, generatedAt, entries, null);
    }

    /** True if the fields the agent relies on are present and every entry is complete. */
    public boolean isComplete() {
        return (receiverId != null || area != null)
                && version != null
                && entries != null
                && entries.stream().allMatch(e -> e != null && e.isComplete());
    }
}
