package vn.loaxa.dispatch.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A remote command to one receiver (docs/protocol.md, "Commands"). {@code signature} stays null until commands are
 * signed; it is where the signature over the other fields will go.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandMessage(
        String schema,
        UUID id,
        String receiverId,
        String type,
        Integer volume,
        Instant issuedAt,
        Instant expiresAt,
        String signature) {

    public static final String SCHEMA = "loaxa.command/1";
}
