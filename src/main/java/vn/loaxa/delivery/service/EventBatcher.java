package vn.loaxa.delivery.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Buffers validated receiver events and writes them in batches on one writer thread. Whatever arrives while a batch
 * is being written forms the next batch, so batches grow with the load and a lone event waits for nothing. A full
 * buffer holds back the caller (the MQTT inbound executor, never Paho's callback thread), which in turn lets the
 * broker hold messages: back-pressure instead of lost events.
 */
@ApplicationScoped
public class EventBatcher {
    public static final String LAG_METER = "loaxa.ingest.lag";
    private static final Logger LOG = Logger.getLogger(EventBatcher.class);

    private record Pending(IncomingEvent event, Consumer<IncomingEvent> onUnknownDelivery) {
    }

    private final EventIngestService ingest;
    private final IngestConfig config;
    private final BlockingQueue<Pending> queue;
    private final Timer lag;
    private volatile boolean running;
    private Thread writer;

    public EventBatcher(EventIngestService ingest, IngestConfig config, MeterRegistry registry) {
        this.ingest = ingest;
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

    /** Queues one event; {@code onUnknownDelivery} runs on the writer thread if no such delivery exists. */
    public void submit(IncomingEvent event, Consumer<IncomingEvent> onUnknownDelivery) {
        try {
            queue.put(new Pending(event, onUnknownDelivery));
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
                queue.drainTo(batch, config.batchSize() - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not store %d receiver events", batch.size());
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        List<EventIngestService.Outcome> outcomes = ingest.ingestBatch(batch.stream().map(Pending::event).toList());
        OffsetDateTime now = OffsetDateTime.now();
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            lag.record(Duration.between(pending.event().receivedAt(), now));
            if (outcomes.get(i) == EventIngestService.Outcome.UNKNOWN_DELIVERY) {
                pending.onUnknownDelivery().accept(pending.event());
            }
        }
    }
}
