package vn.loaxa.delivery.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Buffers validated receiver events and writes them in batches on one writer thread. Whatever arrives while a batch
 * is being written forms the next batch, so batches grow with the load and a lone event waits for nothing. A full
 * buffer holds back the caller (the MQTT inbound executor, never Paho's callback thread), which in turn lets the
 * broker hold messages: back-pressure instead of lost events. A batch that cannot be written (the database is down)
 * is retried with backoff until it is, holding back everything behind it; only then are its events settled:
 * each event's callback runs and {@link EventsSettled} is fired, so that nothing is acknowledged before it is stored.
 */
@ApplicationScoped
public class EventBatcher {
    public static final String LAG_METER = "loaxa.ingest.lag";
    public static final String FAILED_WRITES_METER = "loaxa.ingest.failed.writes";
    private static final Logger LOG = Logger.getLogger(EventBatcher.class);

    /** Called on the writer thread once the event is settled: stored, a duplicate, or refused for good. */
    @FunctionalInterface
    public interface Settlement {
        void settled(IncomingEvent event, EventIngestService.Outcome outcome);
    }

    private record Pending(IncomingEvent event, Settlement settlement) {}

    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

    private final EventIngestService ingest;
    private final IngestConfig config;
    private final BlockingQueue<Pending> queue;
    private final Timer lag;
    private final Event<EventsSettled> settled;
    private final Counter failedWrites;
    private volatile boolean running;
    private Thread writer;

    public EventBatcher(
            EventIngestService ingest, IngestConfig config, MeterRegistry registry, Event<EventsSettled> settled) {
        this.ingest = ingest;
        this.settled = settled;
        this.failedWrites = Counter.builder(FAILED_WRITES_METER)
                .description("Attempts to store a batch of receiver events that failed and will be retried")
                .register(registry);
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.lag = Timer.builder(LAG_METER)
                .description("Time from the arrival of a receiver event to its commit in the database")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        registry.gauge("loaxa.ingest.queued", queue, BlockingQueue::size);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        writer = new Thread(this::run, "loaxa-event-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Queues one event; {@code settlement} runs on the writer thread once the event is settled. */
    public void submit(IncomingEvent event, Settlement settlement) {
        try {
            queue.put(new Pending(event, settlement));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while queueing a receiver event", e);
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(config.batchSize());
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gather(batch);
                List<EventIngestService.Outcome> outcomes = writeUntilStored(batch);
                if (outcomes != null) {
                    settle(batch, outcomes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Fills the batch with what is queued and what arrives within the linger, up to the batch size: under load a
     * few milliseconds' wait makes each transaction, and each receiver's acknowledgement, cover many more events.
     */
    private void gather(List<Pending> batch) throws InterruptedException {
        long deadline = System.nanoTime() + config.linger().toNanos();
        while (batch.size() < config.batchSize()) {
            queue.drainTo(batch, config.batchSize() - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= config.batchSize() || left <= 0) {
                return;
            }
            Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    /** Writes the batch, retrying with backoff while it fails; null if the server stops first (nothing is settled). */
    private List<EventIngestService.Outcome> writeUntilStored(List<Pending> batch) throws InterruptedException {
        List<IncomingEvent> events = batch.stream().map(Pending::event).toList();
        Duration wait = FIRST_RETRY;
        while (true) {
            try {
                return ingest.ingestBatch(events);
            } catch (RuntimeException e) {
                failedWrites.increment();
                if (!running) {
                    LOG.warnf(
                            "Stopping with %d receiver events not stored; they stay unacknowledged, so the receivers"
                                    + " send them again",
                            batch.size());
                    return null;
                }
                LOG.errorf(
                        "Could not store %d receiver events (%s); trying again in %d ms",
                        batch.size(), rootMessage(e), wait.toMillis());
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
            }
        }
    }

    private void settle(List<Pending> batch, List<EventIngestService.Outcome> outcomes) {
        OffsetDateTime now = OffsetDateTime.now();
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            lag.record(Duration.between(pending.event().receivedAt(), now));
            try {
                pending.settlement().settled(pending.event(), outcomes.get(i));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Settling event %s failed", pending.event().eventId());
            }
        }
        try {
            settled.fire(new EventsSettled(batch.stream().map(Pending::event).toList()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Acknowledging %d stored events failed; the receivers will send them again", batch.size());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
