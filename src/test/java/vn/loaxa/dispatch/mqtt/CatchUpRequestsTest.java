package vn.loaxa.dispatch.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestMqttClient;

/** Catch-up requests over the real broker: a bad, foreign or too frequent one is a logged, counted drop. */
@QuarkusTest
class CatchUpRequestsTest {
    private static final String RX = "cur-rx-1";
    private static final List<String> REASONS =
            List.of("malformed", "schema", "receiver-mismatch", "unknown-receiver", "invalid", "catchup-throttled");

    @Inject
    MqttConfig config;

    @Inject
    EmbeddedBroker broker;

    @Inject
    MqttDrops drops;

    @Test
    void shouldDropAndCountBadAndForeignRequests() throws Exception {
        Fixtures.area("CUR", "COMMUNE", null);
        String secret = Fixtures.receiver(RX, "CUR", List.of("vie"));
        Topics topics = new Topics(config.topicPrefix());
        String own = topics.receiver(RX, Topics.Kind.CATCHUP);
        Map<String, Double> before = counts();

        try (TestMqttClient receiver = new TestMqttClient(url(), RX, RX, secret)) {
            receiver.publish(own, "{not json");
            receiver.publish(own, request("loaxa.status/1", RX, "[]"));
            receiver.publish(own, request("loaxa.catchup/1", "cur-rx-2", "[]"));
            receiver.publish(own, request("loaxa.catchup/1", RX, "[\"../x\"]"));
        }
        // a receiver that does not exist, as only a login with every right could send it
        try (TestMqttClient server = new TestMqttClient(url())) {
            server.publish(
                    topics.receiver("cur-ghost", Topics.Kind.CATCHUP), request("loaxa.catchup/1", "cur-ghost", "[]"));
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Double> after = counts();
            for (String reason : List.of("malformed", "schema", "receiver-mismatch", "invalid", "unknown-receiver")) {
                assertThat(after.get(reason)).as(reason).isGreaterThanOrEqualTo(before.get(reason) + 1);
            }
        });
    }

    @Test
    void shouldDropAndCountTheRequestsOfAReceiverBeyondItsBurst() throws Exception {
        Fixtures.area("CUT", "COMMUNE", null);
        String id = "cut-rx-1";
        String secret = Fixtures.receiver(id, "CUT", List.of("vie"));
        String topic = new Topics(config.topicPrefix()).receiver(id, Topics.Kind.CATCHUP);
        double before = drops.count("catchup-throttled");

        try (TestMqttClient receiver = new TestMqttClient(url(), id, id, secret)) {
            for (int i = 0; i < 5; i++) {
                receiver.publish(topic, request("loaxa.catchup/1", id, "[\"CUT\"]"));
            }
        }

        // a burst of 3, then one every 10 s
        await().atMost(Duration.ofSeconds(10)).until(() -> drops.count("catchup-throttled") == before + 2);
    }

    @Test
    void shouldAnswerAReceiverThatHoldsTheLatestWithCaughtUpAndNothingElse() throws Exception {
        Fixtures.area("CUA", "COMMUNE", null);
        String id = "cua-rx-1";
        String secret = Fixtures.receiver(id, "CUA", List.of("vie"));
        Topics topics = new Topics(config.topicPrefix());

        try (TestMqttClient receiver = new TestMqttClient(url(), id, id, secret)) {
            receiver.subscribe(topics.receiver(id, Topics.Kind.COMMAND));
            receiver.subscribe(topics.receiver(id, Topics.Kind.MANIFEST));
            receiver.subscribe(topics.receiver(id, Topics.Kind.AREAS));

            receiver.publish(topics.receiver(id, Topics.Kind.CATCHUP), request("loaxa.catchup/1", id, "[\"CUA\"]"));

            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            receiver.received().stream().anyMatch(m -> m.text().contains("\"CAUGHT_UP\"")));
            TestMqttClient.Received answer =
                    receiver.received().get(receiver.received().size() - 1);
            assertThat(answer.topic()).isEqualTo(topics.receiver(id, Topics.Kind.COMMAND));
            assertThat(answer.text()).contains("\"receiverId\":\"" + id + "\"", "\"expiresAt\"");
            assertThat(answer.message().isRetained()).isFalse();
            // a republished manifest would reach this live subscription without the retained flag
            assertThat(receiver.received())
                    .as("nothing republished")
                    .filteredOn(m -> !m.topic().equals(answer.topic()))
                    .allMatch(m -> m.message().isRetained());
        }
    }

    private static String request(String schema, String receiverId, String areas) {
        return """
                {"schema": "%s", "receiverId": "%s", "at": "2026-11-26T06:02:01.250Z", "areas": %s}
                """.formatted(schema, receiverId, areas);
    }

    private Map<String, Double> counts() {
        return Stream.of(REASONS.toArray(String[]::new)).collect(Collectors.toMap(Function.identity(), drops::count));
    }

    private String url() {
        return config.url().or(broker::url).orElseThrow();
    }
}
