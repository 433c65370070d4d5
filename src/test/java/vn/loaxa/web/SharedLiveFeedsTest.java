package vn.loaxa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedLiveFeedsTest {
    private static final Duration TICK = Duration.ofMillis(50);

    private final SharedLiveFeeds feeds = new SharedLiveFeeds();

    @Test
    void shouldReadOncePerTickForAllPagesWithTheSameKey() {
        AtomicInteger reads = new AtomicInteger();
        AssertSubscriber<Integer> first = feeds.feed("scope-a", TICK, reads::incrementAndGet)
                .subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        AssertSubscriber<Integer> second = feeds.feed("scope-a", TICK, reads::incrementAndGet)
                .subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        await().atMost(Duration.ofSeconds(5)).until(() -> second.getItems().size() >= 5);
        int readsSoFar = reads.get();
        int delivered = first.getItems().size() + second.getItems().size();

        assertThat(feeds.running()).isEqualTo(1);
        assertThat(delivered).as("readings delivered to two pages").isGreaterThan(readsSoFar);
        first.cancel();
        second.cancel();
    }

    @Test
    void shouldReadSeparatelyForDifferentKeysAndStopWhenTheLastPageLeaves() {
        AtomicInteger readsA = new AtomicInteger();
        AtomicInteger readsB = new AtomicInteger();
        AssertSubscriber<Integer> a = feeds.feed("scope-a", TICK, readsA::incrementAndGet)
                .subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        AssertSubscriber<Integer> b = feeds.feed("scope-b", TICK, readsB::incrementAndGet)
                .subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> a.getItems().size() >= 2 && b.getItems().size() >= 2);
        assertThat(feeds.running()).isEqualTo(2);

        a.cancel();
        b.cancel();

        await().atMost(Duration.ofSeconds(5)).until(() -> feeds.running() == 0);
        int readsAfterLeaving = readsA.get();
        await().pollDelay(TICK.multipliedBy(4)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(readsA.get()).as("no reading once nobody listens").isEqualTo(readsAfterLeaving);
    }
}
