package vn.loaxa.agent.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A remote command, server to agent, on the command topic.
 *
 * @param schema     always {@link Schemas#COMMAND}
 * @param id         unique id; a command seen before is ignored
 * @param receiverId the receiver it is for
 * @param type       what to do
 * @param volume     for {@link CommandType#SET_VOLUME}: 0–100
 * @param issuedAt   when the server issued it
 * @param expiresAt  after this instant (server time) the command is ignored
 * @param signature  reserved for the signed commands of protocol version 1.1; ignored until then
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Command(
        String schema,
        UUID id,
        String receiverId,
        CommandType type,
        Integer volume,
        Instant issuedAt,
        Instant expiresAt,
        String signature) {

    /** Highest volume. */
    public static final int MAX_VOLUME = 100;

    /** True if the fields the agent needs are present and valid. */
    public boolean isComplete() {
        if (id == null || receiverId == null || type == null || issuedAt == null || expiresAt == null) {
            return false;
        }
        return type != CommandType.SET_VOLUME || volume != null && volume >= 0 && volume <= MAX_VOLUME;
    }
}
