package vn.loaxa.agent.time;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the clock offset steady between measurements, the way NTP weighs its samples. An exchange's offset is
 * uncertain by half its network delay, and the offset kept grows more uncertain with time as the local crystal
 * drifts (at most {@value #DRIFT_PPM} ppm assumed). A new measurement replaces the kept one only when it is at least
 * as certain, or when the two disagree by more than both uncertainties together, which means the clock was stepped.
 */
final class OffsetFilter {
    static final long DRIFT_PPM = 15;

    private Exchange kept;
    private Instant keptAt;

    /** Whether this exchange, finished at {@code now} on the local clock, should set the offset. */
    boolean accepts(Exchange exchange, Instant now) {
        Duration uncertainty = exchange.delay().dividedBy(2);
        if (kept != null) {
            Duration keptUncertainty = kept.delay()
                    .dividedBy(2)
                    .plus(Duration.between(keptAt, now).multipliedBy(DRIFT_PPM).dividedBy(1_000_000));
            boolean moreCertain = uncertainty.compareTo(keptUncertainty) <= 0;
            boolean stepped =
                    exchange.offset().minus(kept.offset()).abs().compareTo(uncertainty.plus(keptUncertainty)) > 0;
            if (!moreCertain && !stepped) {
                return false;
            }
        }
        kept = exchange;
        keptAt = now;
        return true;
    }
}
