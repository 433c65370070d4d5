package vn.loaxa.web;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;

/**
 * The clock of the live pages: a tick at once and then every {@code interval}, on a worker thread (each tick reads
 * the database), ending after an hour so that the browser's EventSource reconnects by itself. Ticks that a slow
 * client cannot take are dropped, never queued.
 */
final class LiveTicks {
    private static final Duration LIFETIME = Duration.ofHours(1);

    private LiveTicks() {}

    static Multi<Long> every(Duration interval) {
        return Multi.createFrom()
                .ticks()
                .startingAfter(Duration.ofMillis(1))
                .every(interval)
                .onOverflow()
                .drop()
                .select()
                .first(LIFETIME.dividedBy(interval))
                .emitOn(Infrastructure.getDefaultWorkerPool());
    }
}
