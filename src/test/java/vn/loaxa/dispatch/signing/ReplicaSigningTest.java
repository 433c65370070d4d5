package vn.loaxa.dispatch.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.support.AgentProcess;

/**
 * Two server replicas share one signing key, their clocks ten minutes apart, and sign for the same receiver topic in
 * turn: the agent's own signature check (its {@code SignatureVerifier}, from the agent's jar) accepts every message
 * once and refuses every replay, and a replica that restarts is accepted from its first message.
 */
class ReplicaSigningTest {
    private static final String COMMANDS = "loaxa/v1/rx/ls-thatkhe-01/cmd";
    private static final String MANIFEST = "loaxa/v1/rx/ls-thatkhe-01/manifest";
    private static final Duration VALIDITY = Duration.ofHours(1);

    @TempDir
    Path dataDir;

    @TempDir
    Path agentState;

    private SigningConfig config;
    private URLClassLoader agentClasses;
    private AgentVerifier agent;

    /** A signed message as the broker hands it on. */
    private record Sent(String topic, byte[] payload, Map<String, String> properties) {}

    @BeforeEach
    void shareOneKey() throws Exception {
        Path keyFile = dataDir.resolve("shared-ed25519.pem");
        SigningKeys.write(SigningKeys.generate(), keyFile);
        config = new SigningConfig() {
            @Override
            public Optional<Path> keyFile() {
                return Optional.of(keyFile);
            }

            @Override
            public Optional<List<String>> previousPublicKeys() {
                return Optional.empty();
            }
        };
        assertThat(AgentProcess.JAR)
                .as("the agent's jar: mvn -B -f device-agent/pom.xml package")
                .exists();
        agentClasses =
                new URLClassLoader(new URL[] {AgentProcess.JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        agent = new AgentVerifier(
                replica(Clock.systemUTC()).trustedKeys().get(0).publicKey());
    }

    @AfterEach
    void closeAgentClasses() throws Exception {
        agentClasses.close();
    }

    @Test
    void shouldHaveTheAgentAcceptTheInterleavedMessagesOfTwoReplicasWithSkewedClocksOnce() throws Exception {
        MessageSigner ahead = replica(Clock.systemUTC());
        MessageSigner behind = replica(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            for (String topic : List.of(COMMANDS, MANIFEST)) {
                MessageSigner replica = i % 2 == 0 ? ahead : behind;
                sent.add(sign(replica, topic, "{\"n\":" + i + "}"));
            }
        }

        assertThat(ahead.signer()).isNotEqualTo(behind.signer());
        assertThat(sent.get(0).properties()).containsEntry(SignedMessage.SEQUENCE, "1");
        for (Sent message : sent) {
            assertThat(agent.check(message, message.topic().equals(MANIFEST)))
                    .as("first delivery of %s", message.properties())
                    .isEqualTo("ACCEPTED");
        }
        for (Sent message : sent) {
            assertThat(agent.check(message, false))
                    .as("replay of %s", message.properties())
                    .isEqualTo("REPLAYED");
        }
    }

    @Test
    void shouldHaveTheAgentAcceptAReplicaThatRestartedFromItsFirstMessage() throws Exception {
        MessageSigner before = replica(Clock.systemUTC());
        for (int i = 0; i < 100; i++) {
            assertThat(agent.check(sign(before, COMMANDS, "{\"n\":" + i + "}"), false))
                    .isEqualTo("ACCEPTED");
        }
        Sent last = sign(before, COMMANDS, "{\"last\":true}");
        assertThat(agent.check(last, false)).isEqualTo("ACCEPTED");

        MessageSigner restarted = replica(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
        Sent first = sign(restarted, COMMANDS, "{\"first\":true}");

        assertThat(first.properties()).containsEntry(SignedMessage.SEQUENCE, "1");
        assertThat(agent.check(first, false)).isEqualTo("ACCEPTED");
        assertThat(agent.check(last, false)).isEqualTo("REPLAYED");
    }

    @Test
    void shouldGiveEachMessageAHorizonCoveringEverythingItsReplicaSignedBeforeOnTopicsOfItsKind() {
        MessageSigner replica = replica(Clock.systemUTC());

        SignedMessage longLived = replica.sign(MANIFEST, new byte[] {1}, Duration.ofDays(2));
        SignedMessage command = replica.sign(COMMANDS, new byte[] {2}, Duration.ofMinutes(5));
        SignedMessage shortLived = replica.sign(MANIFEST.replace("thatkhe-01", "thatkhe-02"), new byte[] {3}, VALIDITY);

        assertThat(List.of(longLived.sequence(), command.sequence(), shortLived.sequence()))
                .containsExactly(1L, 2L, 3L);
        assertThat(longLived.horizon()).isEqualTo(longLived.expiresAt());
        assertThat(command.horizon()).as("manifests do not hold commands").isEqualTo(command.expiresAt());
        assertThat(shortLived.horizon()).isEqualTo(longLived.expiresAt()).isGreaterThan(shortLived.expiresAt());
    }

    private MessageSigner replica(Clock clock) {
        return new MessageSigner(config, dataDir, clock);
    }

    private static Sent sign(MessageSigner replica, String topic, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        return new Sent(topic, payload, replica.sign(topic, payload, VALIDITY).userProperties());
    }

    /** The agent's {@code SignatureVerifier}, loaded from its jar: the server's tests do not compile against it. */
    private final class AgentVerifier {
        private final Object verifier;
        private final Method check;

        AgentVerifier(String trustedKey) throws Exception {
            Class<?> type = agentClasses.loadClass("vn.loaxa.agent.security.SignatureVerifier");
            verifier = type.getConstructor(List.class, Path.class).newInstance(List.of(trustedKey), agentState);
            check = type.getMethod("check", String.class, byte[].class, Map.class, long.class, boolean.class);
        }

        /** The verdict's name, with the agent's clock on time. */
        String check(Sent message, boolean repeatable) throws Exception {
            Object verdict = check.invoke(
                    verifier,
                    message.topic(),
                    message.payload(),
                    message.properties(),
                    System.currentTimeMillis(),
                    repeatable);
            return ((Enum<?>) verdict).name();
        }
    }
}
