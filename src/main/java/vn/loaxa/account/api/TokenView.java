package vn.loaxa.account.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An API token; {@code token} is present only in the answer that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenView(
        UUID id,
        String name,
        OffsetDateTime createdAt,
        OffsetDateTime lastUsedAt,
        OffsetDateTime revokedAt,
        String token) {}
