package vn.loaxa.agent.protocol;

import java.time.Instant;

/**
 * The answer of the server's {@code GET /api/v1/time}.
 *
 * @param schema       always {@link Schemas#TIME}
 * @param receiveTime  the server's clock when the request arrived, before the password check; absent from servers
 *                     older than the NTP-style exchange
 * @param transmitTime the server's clock when it answered; absent from those servers too
 * @param serverTime   the server's clock when it answered
 */
public record ServerTime(String schema, Instant receiveTime, Instant transmitTime, Instant serverTime) {

    /** The request's arrival, or the one server time an older server gives. */
    public Instant received() {
        return receiveTime != null ? receiveTime : transmitted();
    }

    /** The answer's departure. */
    public Instant transmitted() {
        return transmitTime != null ? transmitTime : serverTime;
    }
}
