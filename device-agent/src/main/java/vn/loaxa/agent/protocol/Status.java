package vn.loaxa.agent.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A receiver's presence, published retained on the status topic.
 *
 * @param schema       always {@link Schemas#STATUS}
 * @param receiverId   the receiver
 * @param online       whether it is connected
 * @param at           the agent's clock when it was published; absent in the Last Will
 * @param agentVersion the agent's version; absent in the Last Will
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Status(String schema, String receiverId, Boolean online, Instant at, String agentVersion) {

    /** The retained status published on every connect. */
    public static Status online(String receiverId, Instant at, String agentVersion) {
        return new Status(Schemas.STATUS, receiverId, true, at, agentVersion);
    }

    /** The retained status published on a clean shutdown. */
    public static Status offline(String receiverId, Instant at, String agentVersion) {
        return new Status(Schemas.STATUS, receiverId, false, at, agentVersion);
    }

    /** The Last Will: the broker publishes it when the agent vanishes, so it carries no time. */
    public static Status will(String receiverId) {
        return new Status(Schemas.STATUS, receiverId, false, null, null);
    }
}
