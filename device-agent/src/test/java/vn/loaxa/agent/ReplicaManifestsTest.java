package vn.loaxa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.protocol.Areas;
import vn.loaxa.agent.protocol.Command;
import vn.loaxa.agent.protocol.Json;
import vn.loaxa.agent.protocol.Manifest;
import vn.loaxa.agent.protocol.Schemas;
import vn.loaxa.agent.security.ReplicaSigner;
import vn.loaxa.agent.security.SignatureVerifier;
import vn.loaxa.agent.store.ManifestStore;
import vn.loaxa.agent.time.ClockOffset;

/**
 * Two server replicas sign with one key, each as its own signer: the signature check accepts the first message of
 * each, so an older manifest from one replica that arrives after a newer one from the other passes it, and the
 * manifest version, which the database raises for every publication whichever replica makes it, keeps it out.
 */
class ReplicaManifestsTest {
    private static final String RECEIVER = "rx-1";
    private static final Topics TOPICS = new Topics(Topics.DEFAULT_PREFIX);
    private static final String TOPIC = TOPICS.manifest(RECEIVER);
    private static final Instant NOW = Instant.parse("2026-11-20T07:00:00Z");
    private static final long TEN_MINUTES = 600_000;

    @TempDir
    Path stateDir;

    private final ObjectMapper json = Json.newMapper();
    private final MessageCounters counters = new MessageCounters();
    private final KeyPair key = ReplicaSigner.newKey();
    private final List<DropReason> refused = new ArrayList<>();
    private ManifestState state;
    private MessageRouter router;

    @BeforeEach
    void newAgentState() {
        state = new ManifestState(RECEIVER, new ManifestStore(stateDir, json), counters);
        router = new MessageRouter(
                RECEIVER,
                TOPICS,
                json,
                new ClockOffset(Clock.fixed(NOW, ZoneOffset.UTC)),
                new SignatureVerifier(List.of(ReplicaSigner.trusted(key)), stateDir),
                counters,
                List::of,
                new ManifestRecipient(),
                new LiveSessions(TOPICS, new NoLink()));
    }

    @Test
    void shouldKeepTheNewerManifestOfOneReplicaWhenTheOtherReplicasOlderOneArrivesLate() throws Exception {
        ReplicaSigner a = new ReplicaSigner(key, "replica-a");
        ReplicaSigner b = new ReplicaSigner(key, "replica-b");
        long now = NOW.toEpochMilli();
        byte[] version10 = manifest(10);
        byte[] version11 = manifest(11);
        // a published version 10, then b (its clock ten minutes behind) version 11; b's reaches the receiver first
        var signedByA = a.sign(TOPIC, version10, now - 2000, now + TEN_MINUTES);
        var signedByB = b.sign(TOPIC, version11, now - TEN_MINUTES - 1000, now + TEN_MINUTES);

        router.route(TOPIC, version11, signedByB);
        router.route(TOPIC, version10, signedByA);

        assertThat(refused).as("both are authentic first deliveries").isEmpty();
        assertThat(state.version()).isEqualTo(OptionalLong.of(11));
        assertThat(counters.staleManifests()).isEqualTo(1);

        byte[] version12 = manifest(12);
        router.route(TOPIC, version12, a.sign(TOPIC, version12, now, now + TEN_MINUTES));
        router.route(TOPIC, version10, signedByA);

        assertThat(state.version()).isEqualTo(OptionalLong.of(12));
        assertThat(refused).containsExactly(DropReason.REPLAYED);
    }

    private byte[] manifest(long version) throws Exception {
        return json.writeValueAsBytes(new Manifest(Schemas.MANIFEST, RECEIVER, version, NOW, List.of()));
    }

    /** Hands the receiver's manifests to the manifest state, as the agent does. */
    private final class ManifestRecipient implements MessageRouter.Recipient {
        @Override
        public void manifest(String topic, Manifest manifest) {
            state.acceptOwn(topic, manifest);
        }

        @Override
        public void areaManifest(String topic, String code, Manifest manifest) {
            state.acceptArea(topic, code, manifest);
        }

        @Override
        public void areas(String topic, Areas areas) {
            state.acceptAreas(topic, areas);
        }

        @Override
        public void command(Command command) {}

        @Override
        public void acknowledged(List<UUID> eventIds) {}

        @Override
        public void refused(String topic, DropReason reason) {
            refused.add(reason);
        }
    }

    /** A link that is down: no live session subscribes. */
    private static final class NoLink implements LiveSessions.Subscriptions {
        @Override
        public void subscribe(String topic, int qos) {}

        @Override
        public void unsubscribe(String topic) {}

        @Override
        public boolean isConnected() {
            return false;
        }
    }
}
