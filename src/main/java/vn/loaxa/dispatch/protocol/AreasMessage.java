package vn.loaxa.dispatch.protocol;

import java.util.List;

/**
 * The areas whose manifest topics a receiver subscribes to: its own area and every area above it, root first
 * (docs/protocol.md, "Area manifests"). Retained on the receiver's {@code areas} topic.
 */
public record AreasMessage(String schema, String receiverId, long version, List<String> areas) {
    public static final String SCHEMA = "loaxa.areas/1";
}
