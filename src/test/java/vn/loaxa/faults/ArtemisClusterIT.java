package vn.loaxa.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The two-node Artemis cluster of {@code infra/artemis}, with its logins and topic permissions: what a replica
 * publishes on one node reaches receivers on the other, the replicas' shared subscription spread over both nodes
 * gets each receiver event once, and a client given both nodes moves to the second when the first dies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArtemisClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SERVER_PASSWORD = "server-secret";
    private static final String EVENTS = "$share/loaxa-server/loaxa/v1/rx/+/event";

    private static Path dir;
    private static ArtemisCluster cluster;
    private final List<MqttClient> clients = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        dir = java.nio.file.Files.createTempDirectory("loaxa-artemis-");
        long started = System.nanoTime();
        cluster = ArtemisCluster.start(dir);
        System.out.println(
                "Artemis cluster created and bridged in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void closeClients() {
        for (MqttClient client : clients) {
            try {
                if (client.isConnected()) {
                    client.disconnectForcibly(0, 1_000, false);
                }
                client.close(true);
            } catch (MqttException e) {
                // the broker it was on may be gone
            }
        }
    }

    @Test
    @Order(1)
    void shouldDeliverAPublishOnOneNodeToASubscriberOnTheOther() throws Exception {
        Queue<String> heard = new ConcurrentLinkedQueue<>();
        MqttClient receiver = connect(
                "rx-001",
                "rx-001-secret",
                (topic, text) -> heard.add(text),
                cluster.node(2).url());
        receiver.subscribe("loaxa/v1/rx/rx-001/manifest", 1);
        receiver.subscribe("loaxa/v1/area/06040/manifest", 1);
        MqttClient server = connect(
                "loaxa-server-1",
                SERVER_PASSWORD,
                (topic, text) -> {},
                cluster.node(1).url());

        // node 1 learns of the subscription on node 2 a moment after it is made: publish until it has
        await("own manifest from node 1 at a receiver on node 2")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    publish(server, "loaxa/v1/rx/rx-001/manifest", "own");
                    return heard.contains("own");
                });
        await("area manifest from node 1 at a receiver on node 2")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    publish(server, "loaxa/v1/area/06040/manifest", "area");
                    return heard.contains("area");
                });
    }

    @Test
    @Order(2)
    void shouldGiveEachEventOnceToTheSharedSubscriptionSpreadOverBothNodes() throws Exception {
        Queue<String> onNode1 = new ConcurrentLinkedQueue<>();
        Queue<String> onNode2 = new ConcurrentLinkedQueue<>();
        MqttClient replica1 = connect(
                "loaxa-server-1",
                SERVER_PASSWORD,
                (topic, text) -> onNode1.add(text),
                cluster.node(1).url());
        MqttClient replica2 = connect(
                "loaxa-server-2",
                SERVER_PASSWORD,
                (topic, text) -> onNode2.add(text),
                cluster.node(2).url());
        replica1.subscribe(EVENTS, 1);
        replica2.subscribe(EVENTS, 1);
        MqttClient receiver = connect(
                "rx-001", "rx-001-secret", (topic, text) -> {}, cluster.node(1).url());

        // until the subscription on node 2 is known on node 1, warm-up events all stay on node 1
        await("a warm-up event published on node 1 reaches the replica on node 2")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    publish(receiver, "loaxa/v1/rx/rx-001/event", "warm-up");
                    return onNode2.contains("warm-up");
                });
        List<String> events = IntStream.range(0, 40).mapToObj(i -> "event-" + i).toList();
        for (String event : events) {
            publish(receiver, "loaxa/v1/rx/rx-001/event", event);
        }

        await("every event at one of the replicas")
                .atMost(WAIT)
                .until(() -> numbered(onNode1).size() + numbered(onNode2).size() >= events.size());
        List<String> all = new ArrayList<>(numbered(onNode1));
        all.addAll(numbered(onNode2));
        assertThat(all).containsExactlyInAnyOrderElementsOf(events);
        assertThat(numbered(onNode1)).isNotEmpty();
        assertThat(numbered(onNode2)).isNotEmpty();
    }

    @Test
    @Order(3)
    void shouldRefuseAReceiverOtherReceiversTopics() throws Exception {
        Queue<String> heard = new ConcurrentLinkedQueue<>();
        MqttClient replica = connect(
                "loaxa-server-2",
                SERVER_PASSWORD,
                (topic, text) -> heard.add(topic),
                cluster.node(1).url());
        replica.subscribe("loaxa/v1/rx/+/event", 1);
        MqttClient intruder = connect(
                "rx-001", "rx-001-secret", (topic, text) -> {}, cluster.node(1).url());

        try {
            publish(intruder, "loaxa/v1/rx/rx-002/event", "forged");
        } catch (MqttException refusedPublish) {
            // a "not authorized" PUBACK; the connection stays up
        }
        publish(intruder, "loaxa/v1/rx/rx-001/event", "own");

        await().atMost(WAIT).until(() -> heard.contains("loaxa/v1/rx/rx-001/event"));
        assertThat(heard).doesNotContain("loaxa/v1/rx/rx-002/event");
        assertThat(subscribeReason(intruder, "loaxa/v1/rx/rx-002/manifest")).isGreaterThanOrEqualTo(0x80);
        assertThat(subscribeReason(intruder, "loaxa/v1/rx/rx-001/manifest")).isLessThan(0x80);
    }

    @Test
    @Order(4)
    void shouldMoveAClientGivenBothNodesToTheSecondWhenTheFirstDies() throws Exception {
        Queue<String> heard = new ConcurrentLinkedQueue<>();
        MqttClient receiver = new MqttClient(cluster.node(1).url(), "rx-001", new MemoryPersistence());
        clients.add(receiver);
        receiver.setCallback(callback((topic, text) -> heard.add(text)));
        // as the agent connects (MqttLink): a persistent session and a delayed Last Will on its status topic
        MqttConnectionOptions options = options("rx-001", "rx-001-secret");
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        options.setWill(
                "loaxa/v1/rx/rx-001/status",
                new MqttMessage("offline".getBytes(StandardCharsets.UTF_8), 1, true, null));
        MqttProperties will = new MqttProperties();
        will.setWillDelayInterval(30L);
        options.setWillMessageProperties(will);
        options.setServerURIs(
                new String[] {cluster.node(1).url(), cluster.node(2).url()});
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 2);
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(5);
        receiver.connect(options);
        receiver.subscribe("loaxa/v1/rx/rx-001/cmd", 1);
        assertThat(receiver.getCurrentServerURI()).isEqualTo(cluster.node(1).url());

        long killedAt = System.nanoTime();
        cluster.node(1).kill();

        await("the receiver reconnected to node 2")
                .atMost(WAIT)
                .until(() -> receiver.isConnected() && cluster.node(2).url().equals(receiver.getCurrentServerURI()));
        long movedMillis = (System.nanoTime() - killedAt) / 1_000_000;
        System.out.println("receiver moved to node 2 " + movedMillis + " ms after node 1 was killed");
        receiver.subscribe("loaxa/v1/rx/rx-001/cmd", 1);
        MqttClient server = connect(
                "loaxa-server-1",
                SERVER_PASSWORD,
                (topic, text) -> {},
                cluster.node(2).url());
        await("a command through node 2")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    publish(server, "loaxa/v1/rx/rx-001/cmd", "after-failover");
                    return heard.contains("after-failover");
                });
    }

    /** The broker's reason code for a subscription; 0x80 and above is a refusal. */
    private static int subscribeReason(MqttClient client, String filter) {
        try {
            return client.subscribe(filter, 1).getReasonCodes()[0];
        } catch (MqttException e) {
            return Math.max(e.getReasonCode(), 0x80);
        }
    }

    private static List<String> numbered(Queue<String> heard) {
        return heard.stream().filter(text -> text.startsWith("event-")).toList();
    }

    private MqttClient connect(String user, String password, Listener listener, String url) throws MqttException {
        MqttClient client = new MqttClient(url, user, new MemoryPersistence());
        clients.add(client);
        client.setCallback(callback(listener));
        client.connect(options(user, password));
        return client;
    }

    private static MqttConnectionOptions options(String user, String password) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        return options;
    }

    private static void publish(MqttClient client, String topic, String text) throws MqttException {
        MqttMessage message = new MqttMessage(text.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(topic, message);
    }

    /** Hears text messages. */
    private interface Listener {
        void heard(String topic, String text);
    }

    private static MqttCallback callback(Listener listener) {
        return new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                listener.heard(topic, new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {}

            @Override
            public void mqttErrorOccurred(MqttException exception) {}

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        };
    }
}
