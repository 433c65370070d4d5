package vn.loaxa.dispatch.protocol;

import java.time.Instant;

/**
 * The answer of {@code GET /api/v1/time}, from which receivers estimate their clock offset the NTP way.
 *
 * @param receiveTime  the server clock when the request arrived, before the caller's password was checked
 * @param transmitTime the server clock when the answer was written
 * @param serverTime   the same as {@code transmitTime}, for agents that read only the one server time
 */
public record ServerTimeMessage(String schema, Instant receiveTime, Instant transmitTime, Instant serverTime) {

    public static final String SCHEMA = "loaxa.time/1";

    public static ServerTimeMessage between(Instant receiveTime, Instant transmitTime) {
        return new ServerTimeMessage(SCHEMA, receiveTime, transmitTime, transmitTime);
    }
}
