package vn.loaxa.dispatch.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.subscription.SubscriptionsForClientResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.ServerDiagnostics;
import vn.loaxa.support.TestMqttClient;

/**
 * A connection that is up but no longer hears the receivers (here: the broker drops the server's subscriptions
 * without telling it) is noticed by its own probes going unanswered and replaced by a fresh one. Runs on the embedded
 * broker, whose extension services can remove a client's subscriptions behind its back.
 */
@QuarkusTest
@DisabledIfSystemProperty(named = "loaxa.it.stack", matches = "external")
class InboundSilenceRecoveryTest {
    private static final String RX = "silent-rx-1";

    @Inject
    MqttConfig config;

    @Inject
    EmbeddedBroker broker;

    @Inject
    MqttGateway gateway;

    @Inject
    MeterRegistry registry;

    @Test
    void shouldReplaceAConnectionWhoseSubscriptionsWereSilentlyLost() throws Exception {
        Fixtures.area("SIL", "COMMUNE", null);
        Fixtures.receiver(RX, "SIL", List.of("vie"));
        Topics topics = new Topics(config.topicPrefix());
        double silences = registry.counter(MqttGateway.SILENCES_METER).count();
        await().atMost(Duration.ofSeconds(10)).until(gateway::subscribed);

        List<String> removed = removeServerSubscriptions();
        assertThat(removed)
                .as("the server's subscriptions to receiver messages")
                .containsExactlyInAnyOrder(
                        topics.allReceivers(Topics.Kind.EVENT),
                        topics.allReceivers(Topics.Kind.STATUS),
                        topics.allReceivers(Topics.Kind.HEARTBEAT),
                        topics.allReceivers(Topics.Kind.CATCHUP));

        try (TestMqttClient receiver = new TestMqttClient(broker.url().orElseThrow())) {
            receiver.publish(topics.receiver(RX, Topics.Kind.STATUS), """
                    {"schema":"loaxa.status/1","receiverId":"%s","online":true,"at":"%s"}""".formatted(RX, Instant.now()));
            await("a fresh connection that hears the receiver again")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        receiver.publish(topics.receiver(RX, Topics.Kind.STATUS), """
                                {"schema":"loaxa.status/1","receiverId":"%s","online":true,"at":"%s"}""".formatted(RX, Instant.now()));
                        assertThat(asAdmin().get("/api/v1/receivers/" + RX).<Boolean>path("online"))
                                .as(ServerDiagnostics::inbound)
                                .isTrue();
                    });
        }
        assertThat(registry.counter(MqttGateway.SILENCES_METER).count()).isEqualTo(silences + 1);
        assertThat(gateway.subscribed()).isTrue();
    }

    /** Removes the subscriptions of the server's current connection in the broker; the client is not told. */
    private List<String> removeServerSubscriptions() {
        List<SubscriptionsForClientResult> servers = new ArrayList<>();
        Services.subscriptionStore()
                .iterateAllSubscriptions((context, subscriptions) -> {
                    if (subscriptions.getClientId().equals(gateway.clientId())) {
                        synchronized (servers) {
                            servers.add(subscriptions);
                        }
                    }
                })
                .join();
        List<String> removed = new ArrayList<>();
        for (SubscriptionsForClientResult server : servers) {
            server.getSubscriptions().forEach(subscription -> {
                Services.subscriptionStore()
                        .removeSubscription(server.getClientId(), subscription.getTopicFilter())
                        .join();
                removed.add(subscription.getTopicFilter());
            });
        }
        return removed;
    }
}
