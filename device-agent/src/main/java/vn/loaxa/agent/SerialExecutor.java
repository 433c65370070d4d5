package vn.loaxa.agent;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: a per-agent lane that needs no thread of its
 * own (the pattern from the {@link Executor} Javadoc).
 */
final class SerialExecutor implements Executor {

    private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());

    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final Executor pool;
    private final String name;
    private Runnable active;

    SerialExecutor(Executor pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "task failed on lane " + name, e);
            } finally {
                scheduleNext();
            }
        });
        if (active == null) {
            scheduleNext();
        }
    }

    private synchronized void scheduleNext() {
        active = tasks.poll();
        if (active != null) {
            try {
                pool.execute(active);
            } catch (RejectedExecutionException e) {
                LOG.fine(() -> "pool stopped; dropping " + (tasks.size() + 1) + " task(s) on lane " + name);
                tasks.clear();
                active = null;
            }
        }
    }
}
