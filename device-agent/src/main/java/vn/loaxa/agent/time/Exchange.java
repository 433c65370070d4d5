package vn.loaxa.agent.time;

import java.time.Duration;
import java.time.Instant;

/**
 * One NTP-style exchange with the server: the agent sent at {@code sent} and got the answer at {@code received} on
 * its own clock; the server took the request in at {@code serverReceived} and answered at {@code serverSent} on its
 * clock. The server's work in between (its password check) drops out of both estimates.
 */
public record Exchange(Instant sent, Instant serverReceived, Instant serverSent, Instant received) {

    /** Server clock minus local clock, assuming the way there takes as long as the way back. */
    public Duration offset() {
        return Duration.between(sent, serverReceived)
                .plus(Duration.between(received, serverSent))
                .dividedBy(2);
    }

    /** The time spent on the network both ways: the round trip less the server's own work. */
    public Duration delay() {
        return Duration.between(sent, received).minus(Duration.between(serverReceived, serverSent));
    }
}
