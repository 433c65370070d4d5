package vn.loaxa.agent.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A receiver's health, published every heartbeat interval (and on a {@code REPORT_NOW} command).
 *
 * @param schema              always {@link Schemas#HEARTBEAT}
 * @param receiverId          the receiver
 * @param at                  the agent's clock when it was built
 * @param agentVersion        the agent's version
 * @param uptimeSeconds       seconds since the agent started
 * @param volume              output volume, 0–100, for non-emergency entries
 * @param muted               whether non-emergency entries are muted
 * @param freeCacheBytes      bytes the audio cache can still take (cache limit and free disk, whichever is less)
 * @param clockOffsetMs       measured server clock minus agent clock, in milliseconds; absent if never measured
 * @param audioOutputOk       whether the audio output opened and played the last time it was used
 * @param lastError           the last error the agent met, in words; absent if none since start
 * @param outboxPending       events waiting in the outbox for the broker's acknowledgement
 * @param outboxDropped       events dropped from the full outbox since start
 * @param messagesDropped     malformed or unexpected incoming messages dropped since start
 * @param lastCommandId       the id of the last remote command carried out; absent if none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Heartbeat(
        String schema,
        String receiverId,
        Instant at,
        String agentVersion,
        Long uptimeSeconds,
        Integer volume,
        Boolean muted,
        Long freeCacheBytes,
        Long clockOffsetMs,
        Boolean audioOutputOk,
        String lastError,
        Long outboxPending,
        Long outboxDropped,
        Long messagesDropped,
        UUID lastCommandId) {}
