package vn.loaxa.dispatch.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReceiverRateLimitTest {
    private final AtomicLong nanos = new AtomicLong();
    private final ReceiverRateLimit limit = new ReceiverRateLimit(10, 5, nanos::get);

    @Test
    void shouldAllowTheBurstThenTheRateAndKeepReceiversApart() {
        for (int i = 0; i < 5; i++) {
            assertThat(limit.tryAcquire("a")).isTrue();
        }
        assertThat(limit.tryAcquire("a")).isFalse();
        assertThat(limit.tryAcquire("b"))
                .as("another receiver has its own bucket")
                .isTrue();

        nanos.addAndGet(300_000_000L); // 0.3 s at 10 a second: 3 more
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isFalse();

        nanos.addAndGet(60_000_000_000L); // a quiet minute refills only up to the burst
        int allowed = 0;
        while (limit.tryAcquire("a")) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(5);
    }
}
