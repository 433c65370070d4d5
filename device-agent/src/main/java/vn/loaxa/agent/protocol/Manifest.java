package vn.loaxa.agent.protocol;

import java.time.Instant;
import java.util.List;

/**
 * A receiver's whole schedule for the dispatch horizon. A newer manifest replaces the previous one completely.
 *
 * @param schema      always {@link Schemas#MANIFEST}
 * @param receiverId  the receiver the manifest is for
 * @param version     grows strictly with every manifest for this receiver
 * @param generatedAt when the server built it
 * @param entries     the schedule; empty clears it
 */
public record Manifest(String schema, String receiverId, Long version, Instant generatedAt,
                       List<ManifestEntry> entries) {

    public Manifest {
        entries = entries == null ? null : List.copyOf(entries);
    }

    /** True if the fields the agent relies on are present and every entry is complete. */
    public boolean isComplete() {
        return receiverId != null && version != null && entries != null
                && entries.stream().allMatch(e -> e != null && e.isComplete());
    }
}
