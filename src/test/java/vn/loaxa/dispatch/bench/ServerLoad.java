package vn.loaxa.dispatch.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Heap, threads and CPU of this JVM (the server, its embedded broker and database when embedded, and the test's own
 * clients) while one phase runs, sampled every 250 ms.
 */
final class ServerLoad implements AutoCloseable {
    private static final long SAMPLE_MS = 250;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-server-load");
        thread.setDaemon(true);
        return thread;
    });
    private final long startedNanos = System.nanoTime();
    private final long startedCpuNanos = os.getProcessCpuTime();
    private volatile long peakHeap;
    private volatile int peakThreads;

    /** What the phase cost: peak heap used (not after GC), peak live threads, CPU seconds and average cores. */
    record Summary(long peakHeapMib, int peakThreads, double cpuSeconds, double wallSeconds) {
        double cores() {
            return wallSeconds == 0 ? 0 : cpuSeconds / wallSeconds;
        }

        @Override
        public String toString() {
            return "server JVM: peak heap %d MiB, peak %d threads, CPU %.1f s in %.1f s (%.2f cores)"
                    .formatted(peakHeapMib, peakThreads, cpuSeconds, wallSeconds, cores());
        }
    }

    private ServerLoad() {
        sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_MS, TimeUnit.MILLISECONDS);
    }

    static ServerLoad measure() {
        return new ServerLoad();
    }

    private void sample() {
        peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
        peakThreads = Math.max(peakThreads, threads.getThreadCount());
    }

    Summary summary() {
        sample();
        return new Summary(
                peakHeap >> 20,
                peakThreads,
                (os.getProcessCpuTime() - startedCpuNanos) / 1e9,
                (System.nanoTime() - startedNanos) / 1e9);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
