package vn.loaxa.agent;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

/**
 * One agent's serial control lane (manifests, commands, event bookkeeping), on the shared control pool. A task
 * handed to it while the agent shuts down is dropped.
 */
final class ControlLane implements Executor {

    private static final Logger LOG = Logger.getLogger(ControlLane.class.getName());

    private final SerialExecutor lane;

    ControlLane(Executor pool, String name) {
        this.lane = new SerialExecutor(pool, name);
    }

    @Override
    public void execute(Runnable task) {
        lane.execute(task);
    }

    /** Runs the task on the lane, or drops it if the pool has stopped. */
    void run(Runnable task) {
        try {
            lane.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.fine("agent is shutting down; task dropped");
        }
    }
}
