package vn.loaxa.receiver.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Writes the receivers' status reports and heartbeats in batches on one writer thread, in the order they came, so
 * that the MQTT inbound thread never waits for a transaction per report: after a broker restart ten thousand
 * receivers report within seconds. Whatever arrives while a batch is written forms the next one. A batch that
 * cannot be written (the database is down) is tried again with backoff; meanwhile reports queue up to
 * {@link PresenceConfig#queueCapacity()}, and beyond it are refused (the caller counts the drop).
 */
@ApplicationScoped
public class PresenceBatcher {
    public static final String FAILED_WRITES_METER = "loaxa.presence.failed.writes";
    private static final Logger LOG = Logger.getLogger(PresenceBatcher.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

    private record Pending(Presence report, Consumer<String> unknownReceiver) {}

    private final ReceiverPresence presence;
    private final PresenceConfig config;
    private final BlockingQueue<Pending> queue;
    private final Counter failedWrites;
    private volatile boolean running;
    private Thread writer;

    public PresenceBatcher(ReceiverPresence presence, PresenceConfig config, MeterRegistry registry) {
        this.presence = presence;
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.failedWrites = Counter.builder(FAILED_WRITES_METER)
                .description("Attempts to store a batch of receiver status reports and heartbeats that failed")
                .register(registry);
        registry.gauge("loaxa.presence.queued", queue, BlockingQueue::size);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        writer = new Thread(this::run, "loaxa-presence-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /**
     * Queues one report; {@code unknownReceiver} runs on the writer thread if it names no registered receiver.
     *
     * @return false if the queue is full and the report was not taken
     */
    public boolean submit(Presence report, Consumer<String> unknownReceiver) {
        return queue.offer(new Pending(report, unknownReceiver));
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
                Set<String> unknown = writeUntilStored(batch);
                if (unknown != null) {
                    batch.stream()
                            .filter(p -> unknown.contains(p.report().receiverId()))
                            .forEach(p -> p.unknownReceiver().accept(p.report().receiverId()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Handling %d receiver status reports failed", batch.size());
            } finally {
                batch.clear();
            }
        }
    }

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

    /** The receivers the batch named that are not registered; null if the server stops before it is stored. */
    private Set<String> writeUntilStored(List<Pending> batch) throws InterruptedException {
        List<Presence> reports = batch.stream().map(Pending::report).toList();
        Duration wait = FIRST_RETRY;
        while (true) {
            try {
                return presence.record(reports);
            } catch (RuntimeException e) {
                failedWrites.increment();
                if (!running) {
                    LOG.warnf("Stopping with %d receiver status reports not stored", batch.size());
                    return null;
                }
                LOG.errorf(
                        "Could not store %d receiver status reports (%s); trying again in %d ms",
                        batch.size(), e, wait.toMillis());
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
            }
        }
    }
}
