package vn.loaxa.agent.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.security.SignatureVerifier.Verdict;

/**
 * Several server replicas share one key, each signing as its own signer with its own counter: the agent keeps the
 * last sequence per topic and signer, whatever the replicas' clocks, and forgets a signer only once everything it
 * signed has expired.
 */
class SignatureVerifierTest {
    private static final String TOPIC = "loaxa/v1/rx/ls-thatkhe-01/cmd";
    private static final String MANIFEST = "loaxa/v1/rx/ls-thatkhe-01/manifest";
    private static final long NOW = 1_795_672_800_000L;
    private static final long MINUTE = 60_000;
    private static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    Path stateDir;

    private final KeyPair key = ReplicaSigner.newKey();

    private record Message(String topic, byte[] payload, Map<String, String> properties) {}

    @Test
    void shouldAcceptTheInterleavedMessagesOfTwoSignersWithSkewedClocksAndRefuseEachReplay() {
        SignatureVerifier verifier = verifier();
        ReplicaSigner a = new ReplicaSigner(key, "replica-a");
        ReplicaSigner late = new ReplicaSigner(key, "replica-b");
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(message(a, TOPIC, "a" + i, NOW + i * 1000, 5 * MINUTE));
            // ten minutes behind a's clock
            sent.add(message(late, TOPIC, "b" + i, NOW - 10 * MINUTE + i * 1000, 15 * MINUTE));
        }

        for (Message message : sent) {
            assertThat(check(verifier, message, NOW + 10_000, false))
                    .as("first delivery of %s", message.properties())
                    .isEqualTo(Verdict.ACCEPTED);
        }
        for (Message message : sent) {
            assertThat(check(verifier, message, NOW + 20_000, false))
                    .as("replay of %s", message.properties())
                    .isEqualTo(Verdict.REPLAYED);
        }
        SignatureVerifier restarted = verifier();
        for (Message message : sent) {
            assertThat(check(restarted, message, NOW + 30_000, false))
                    .as("replay after a restart of %s", message.properties())
                    .isEqualTo(Verdict.REPLAYED);
        }
        assertThat(restarted.entries()).isEqualTo(2);
    }

    @Test
    void shouldRepeatOnlyTheLastMessageOfEachSignerOnARetainedTopic() {
        SignatureVerifier verifier = verifier();
        ReplicaSigner a = new ReplicaSigner(key, "replica-a");
        ReplicaSigner b = new ReplicaSigner(key, "replica-b");
        Message a1 = message(a, MANIFEST, "{\"version\":1}", NOW, 10 * MINUTE);
        Message b1 = message(b, MANIFEST, "{\"version\":2}", NOW - 10 * MINUTE, 30 * MINUTE);
        Message a2 = message(a, MANIFEST, "{\"version\":3}", NOW + 1000, 10 * MINUTE);

        assertThat(check(verifier, a1, NOW + 2000, true)).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(verifier, b1, NOW + 2000, true)).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(verifier, a2, NOW + 2000, true)).isEqualTo(Verdict.ACCEPTED);

        assertThat(check(verifier, a2, NOW + 3000, true)).isEqualTo(Verdict.REPEATED);
        assertThat(check(verifier, b1, NOW + 3000, true)).isEqualTo(Verdict.REPEATED);
        assertThat(check(verifier, a1, NOW + 3000, true)).isEqualTo(Verdict.REPLAYED);
    }

    @Test
    void shouldAcceptTheFirstMessageOfASignerItHasNotSeen() {
        SignatureVerifier verifier = verifier();
        ReplicaSigner old = new ReplicaSigner(key, "before-restart");
        for (int i = 0; i < 3; i++) {
            assertThat(check(verifier, message(old, TOPIC, "old" + i, NOW, MINUTE), NOW, false))
                    .isEqualTo(Verdict.ACCEPTED);
        }

        Message first = message(new ReplicaSigner(key, "after-restart"), TOPIC, "new", NOW, MINUTE);

        assertThat(first.properties()).containsEntry(SignatureBlock.SEQUENCE, "1");
        assertThat(check(verifier, first, NOW, false)).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(verifier, first, NOW, false)).isEqualTo(Verdict.REPLAYED);
    }

    @Test
    void shouldRefuseABlockWhoseSignerOrHorizonWasChanged() {
        SignatureVerifier verifier = verifier();
        Message sent = message(new ReplicaSigner(key, "replica-a"), TOPIC, "volume", NOW, MINUTE);
        assertThat(check(verifier, sent, NOW, false)).isEqualTo(Verdict.ACCEPTED);

        Map<String, String> otherSigner = new HashMap<>(sent.properties());
        otherSigner.put(SignatureBlock.SIGNER, "replica-z");
        Map<String, String> shorterHorizon = new HashMap<>(sent.properties());
        shorterHorizon.put(SignatureBlock.HORIZON, "0");
        Map<String, String> noHorizon = new HashMap<>(sent.properties());
        noHorizon.remove(SignatureBlock.HORIZON);
        Map<String, String> noSigner = new HashMap<>(sent.properties());
        noSigner.remove(SignatureBlock.SIGNER);
        noSigner.remove(SignatureBlock.HORIZON);
        Map<String, String> oddSigner = new HashMap<>(sent.properties());
        oddSigner.put(SignatureBlock.SIGNER, "a|b");

        assertThat(verifier.check(TOPIC, sent.payload(), otherSigner, NOW, false))
                .as("a replay under a signer never seen")
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(verifier.check(TOPIC, sent.payload(), shorterHorizon, NOW, false))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(verifier.check(TOPIC, sent.payload(), noHorizon, NOW, false)).isEqualTo(Verdict.UNSIGNED);
        assertThat(verifier.check(TOPIC, sent.payload(), noSigner, NOW, false))
                .as("read as a v1 block, whose canonical form differs")
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(verifier.check(TOPIC, sent.payload(), oddSigner, NOW, false)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void shouldForgetASignerOnlyOnceEverythingItSignedHasExpired() {
        SignatureVerifier verifier = verifier();
        ReplicaSigner a = new ReplicaSigner(key, "replica-a");
        // a long-lived message that never reached the receiver, then a short one that did
        Message longLived = message(a, TOPIC, "long", NOW, 3 * DAY);
        Message shortLived = message(a, TOPIC, "short", NOW + 1000, MINUTE);
        ReplicaSigner other = new ReplicaSigner(key, "replica-b");
        assertThat(check(verifier, shortLived, NOW + 2000, false)).isEqualTo(Verdict.ACCEPTED);

        // the short one expired long ago, but not the long one: a's entry must stay
        assertThat(check(verifier, message(other, TOPIC, "b1", NOW + 2 * DAY, MINUTE), NOW + 2 * DAY, false))
                .isEqualTo(Verdict.ACCEPTED);
        assertThat(verifier.entries()).isEqualTo(2);
        assertThat(check(verifier, longLived, NOW + 2 * DAY, false)).isEqualTo(Verdict.REPLAYED);

        // a day after a's horizon, everything it signed is expired: its entry goes
        long later = NOW + 4 * DAY + 1;
        assertThat(check(verifier, message(other, TOPIC, "b2", later, MINUTE), later, false))
                .isEqualTo(Verdict.ACCEPTED);
        assertThat(verifier.entries()).isEqualTo(1);
        assertThat(verifier().entries()).as("pruned on disk too").isEqualTo(1);
        assertThat(check(verifier, longLived, later, false)).isEqualTo(Verdict.EXPIRED);
        assertThat(check(verifier, shortLived, later, false)).isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void shouldKeepTheStateSmallAcrossManySignersOverTime() {
        SignatureVerifier verifier = verifier();
        for (int day = 0; day < 30; day++) {
            long now = NOW + day * DAY;
            // every day, three replicas restart and each sends a manifest valid one hour
            for (int replica = 0; replica < 3; replica++) {
                ReplicaSigner signer = new ReplicaSigner(key, "day" + day + "-replica" + replica);
                assertThat(check(verifier, message(signer, MANIFEST, "m", now, 60 * MINUTE), now, true))
                        .isEqualTo(Verdict.ACCEPTED);
            }
        }

        assertThat(verifier.entries()).as("today's and yesterday's signers").isEqualTo(6);
    }

    @Test
    void shouldLoadAStateFileWrittenBeforeSignersAndStillRefuseItsReplays() throws Exception {
        long legacySequence = NOW * 1000;
        Files.writeString(
                stateDir.resolve("signature-sequences.properties"),
                "#last accepted signed message per topic\n" + TOPIC.replace(":", "\\:") + "=" + legacySequence + "\n");
        SignatureVerifier verifier = verifier();
        byte[] payload = "v1".getBytes(StandardCharsets.UTF_8);
        Map<String, String> replayed =
                ReplicaSigner.block(key, null, legacySequence - 5, 0, NOW - 1000, NOW + MINUTE, TOPIC, payload);
        Map<String, String> newer =
                ReplicaSigner.block(key, null, legacySequence + 5, 0, NOW, NOW + MINUTE, TOPIC, payload);

        assertThat(verifier.entries()).isEqualTo(1);
        assertThat(verifier.check(TOPIC, payload, replayed, NOW, false)).isEqualTo(Verdict.REPLAYED);
        assertThat(verifier.check(TOPIC, payload, newer, NOW, false)).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(verifier, message(new ReplicaSigner(key, "v2"), TOPIC, "v2", NOW, MINUTE), NOW, false))
                .as("a signer's first message, whatever the sequence of v1 blocks")
                .isEqualTo(Verdict.ACCEPTED);

        SignatureVerifier restarted = verifier();
        assertThat(restarted.entries()).isEqualTo(2);
        long later = NOW + 10 * DAY;
        assertThat(check(
                        restarted,
                        message(new ReplicaSigner(key, "v2-later"), TOPIC, "v2", later, MINUTE),
                        later,
                        false))
                .isEqualTo(Verdict.ACCEPTED);
        assertThat(restarted.entries())
                .as("the v2 signer of ten days ago is forgotten; the v1 entry has no horizon and stays")
                .isEqualTo(2);
        assertThat(restarted.check(TOPIC, payload, newer, NOW, false)).isEqualTo(Verdict.REPLAYED);
    }

    private SignatureVerifier verifier() {
        return new SignatureVerifier(List.of(ReplicaSigner.trusted(key)), stateDir);
    }

    private static Message message(ReplicaSigner signer, String topic, String text, long issuedAt, long validity) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        return new Message(topic, payload, signer.sign(topic, payload, issuedAt, issuedAt + validity));
    }

    private static Verdict check(SignatureVerifier verifier, Message message, long now, boolean repeatable) {
        return verifier.check(message.topic(), message.payload(), message.properties(), now, repeatable);
    }
}
