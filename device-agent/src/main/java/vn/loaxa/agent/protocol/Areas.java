package vn.loaxa.agent.protocol;

import java.util.List;

/**
 * The areas whose manifest topics a receiver subscribes to: its own area and every area above it, root first.
 *
 * @param schema     always {@link Schemas#AREAS}
 * @param receiverId the receiver it is for
 * @param version    grows with every change
 * @param areas      area codes, root first
 */
public record Areas(String schema, String receiverId, Long version, List<String> areas) {

    public Areas {
        areas = areas == null ? null : List.copyOf(areas);
    }

    /** True if the fields the agent relies on are present. */
    public boolean isComplete() {
        return receiverId != null
                && version != null
                && areas != null
                && areas.stream().allMatch(a -> a != null);
    }
}
