package vn.loaxa.dispatch.protocol;

import java.time.Instant;

/** The answer of {@code GET /api/v1/time}, from which receivers estimate their clock offset. */
public record ServerTimeMessage(String schema, Instant serverTime) {

    public static final String SCHEMA = "loaxa.time/1";

    public static ServerTimeMessage now() {
        return new ServerTimeMessage(SCHEMA, Instant.now());
    }
}
