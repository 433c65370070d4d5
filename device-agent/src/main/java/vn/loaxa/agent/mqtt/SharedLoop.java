package vn.loaxa.agent.mqtt;

import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import io.reactivex.schedulers.Schedulers;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads shared by every {@link SharedLoopLink} of a simulated fleet: one Netty event loop for all the sockets
 * and one small pool for the client's callbacks, however many receivers there are.
 */
public final class SharedLoop implements MqttTransport.Factory, AutoCloseable {

    /** Netty event loop threads for all connections (one per core on the 2-core test box). */
    public static final int NETTY_THREADS = 2;
    /** Threads that run message, connect and delivery callbacks; these only hand work on. */
    public static final int CALLBACK_THREADS = 2;

    private final ExecutorService callbacks;
    private final MqttClientExecutorConfig executorConfig;

    public SharedLoop() {
        AtomicInteger counter = new AtomicInteger();
        this.callbacks = Executors.newFixedThreadPool(CALLBACK_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "loaxa-mqtt-callback-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.executorConfig = MqttClientExecutorConfig.builder()
                .nettyThreads(NETTY_THREADS)
                .applicationScheduler(Schedulers.from(callbacks))
                .build();
    }

    @Override
    public MqttTransport create(
            MqttSettings settings, MqttTransport.Listener listener, ScheduledExecutorService scheduler) {
        return new SharedLoopLink(settings, listener, executorConfig);
    }

    /** Stops the callback threads; close every link first. Netty's loop stops with the last client. */
    @Override
    public void close() {
        callbacks.shutdown();
    }
}
