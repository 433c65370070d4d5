package vn.loaxa.receiver.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A receiver as the API shows it. {@code secret} is present only in the response that provisions it; {@code health}
 * is null until the first heartbeat.
 */
public record ReceiverView(
        String id,
        String displayName,
        String areaCode,
        List<String> languages,
        Double latitude,
        Double longitude,
        boolean online,
        OffsetDateTime lastSeen,
        String agentVersion,
        ReceiverHealth health,
        @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {}
