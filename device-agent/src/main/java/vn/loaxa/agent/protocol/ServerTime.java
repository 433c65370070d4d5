package vn.loaxa.agent.protocol;

import java.time.Instant;

/**
 * The answer of the server's {@code GET /api/v1/time}.
 *
 * @param schema     always {@link Schemas#TIME}
 * @param serverTime the server's clock when it answered
 */
public record ServerTime(String schema, Instant serverTime) {}
