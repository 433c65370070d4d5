package vn.loaxa.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.support.EmbeddedBroker;

class MqttLinkFailoverTest {

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void shouldConnectToTheNextBrokerWhenTheFirstIsDead() throws Exception {
        String dead = "tcp://127.0.0.1:" + unusedPort();
        List<Boolean> connects = new CopyOnWriteArrayList<>();
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir).allow("rx-failover", "pw")) {
            MqttSettings settings = new MqttSettings(
                    List.of(dead, broker.url()),
                    "rx-failover",
                    "pw",
                    "loaxa/v1/rx/rx-failover/status",
                    "{}".getBytes(StandardCharsets.UTF_8),
                    0,
                    new ReconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(1), 0));
            MqttLink link = new MqttLink(
                    settings,
                    new MqttLink.Listener() {
                        @Override
                        public void onConnected(boolean reconnect) {
                            connects.add(reconnect);
                        }

                        @Override
                        public void onMessage(String topic, byte[] payload, Map<String, String> userProperties) {}
                    },
                    scheduler);
            try {
                link.start();

                await().atMost(Duration.ofSeconds(20)).until(() -> link.isConnected() && !connects.isEmpty());
                assertThat(connects).containsExactly(false);
            } finally {
                link.close();
            }
        }
    }

    @Test
    void shouldSplitACommaSeparatedListInOrder() {
        assertThat(MqttSettings.splitUris(" tcp://a:1883,, ssl://b:8883 ,"))
                .containsExactly("tcp://a:1883", "ssl://b:8883");
        assertThat(MqttSettings.splitUris("tcp://a:1883")).containsExactly("tcp://a:1883");
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
