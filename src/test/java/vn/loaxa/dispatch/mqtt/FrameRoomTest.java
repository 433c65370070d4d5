package vn.loaxa.dispatch.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Live frames go out while QoS 1 messages flood the server's connection: Paho refuses any publish, a QoS 0 one too,
 * once QoS 1 publishes fill the broker's receive maximum (20 on a default Mosquitto), so they must never fill it.
 */
@QuarkusTest
class FrameRoomTest {

    private static final int PUBLISHERS = 8;
    private static final int MESSAGES_EACH = 300;
    private static final int MIN_FRAMES = 200;
    private static final long FRAME_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    @Inject
    MqttGateway gateway;

    @Inject
    MqttConfig mqtt;

    private final ExecutorService threads = Executors.newFixedThreadPool(PUBLISHERS + 1);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void shouldSendEveryFrameWhileQos1MessagesFillTheWindow() throws Exception {
        String topic = mqtt.topicPrefix() + "/v1/test/frame-room/";
        byte[] payload = "{\"flood\":true}".getBytes(StandardCharsets.UTF_8);
        List<Future<?>> floods = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            floods.add(threads.submit(() -> {
                for (int i = 0; i < MESSAGES_EACH; i++) {
                    gateway.publish(topic + "flood", payload, false, 60);
                }
            }));
        }
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Future<?> frames = threads.submit(() -> {
            // a live source's pace, a frame every 2 ms, for as long as the flood lasts
            while (sent.get() + refused.get() < MIN_FRAMES || !floods.stream().allMatch(Future::isDone)) {
                try {
                    gateway.publishFrame(topic + "frames", new byte[] {(byte) sent.get()}, 0, false, 2);
                    sent.incrementAndGet();
                } catch (MqttPublishException e) {
                    refused.incrementAndGet();
                }
                LockSupport.parkNanos(FRAME_INTERVAL_NANOS);
            }
        });

        for (Future<?> flood : floods) {
            flood.get(2, TimeUnit.MINUTES);
        }
        frames.get(1, TimeUnit.MINUTES);

        assertThat(refused)
                .as("frames refused by the MQTT client (%d sent)", sent.get())
                .hasValue(0);
    }
}
