package vn.loaxa.support;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * A bare JVM process that waits the way the agent waits for a clip's start (parking until an instant on the host's
 * clock) and prints the instant it woke: the floor of how closely separate processes on one host can start together.
 */
public final class ParkUntil {
    private ParkUntil() {}

    public static void main(String[] args) {
        Instant at = Instant.parse(args[0]);
        long remaining;
        while ((remaining = Duration.between(Instant.now(), at).toNanos()) > 0) {
            LockSupport.parkNanos(remaining);
        }
        Instant woke = Instant.now();
        System.out.println(woke);
    }
}
