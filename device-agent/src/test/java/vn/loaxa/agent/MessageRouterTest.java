package vn.loaxa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.live.FrameAuthenticator;
import vn.loaxa.agent.live.LiveFrame;
import vn.loaxa.agent.live.LivePlayout;
import vn.loaxa.agent.live.PlayoutTiming;
import vn.loaxa.agent.protocol.Ack;
import vn.loaxa.agent.protocol.Areas;
import vn.loaxa.agent.protocol.Command;
import vn.loaxa.agent.protocol.CommandType;
import vn.loaxa.agent.protocol.Json;
import vn.loaxa.agent.protocol.Manifest;
import vn.loaxa.agent.protocol.Schemas;
import vn.loaxa.agent.security.SignatureVerifier;
import vn.loaxa.agent.time.ClockOffset;

class MessageRouterTest {

    private static final String RECEIVER = "rx-1";
    private static final Topics TOPICS = new Topics(Topics.DEFAULT_PREFIX);
    private static final Instant NOW = Instant.parse("2026-11-20T07:00:00Z");

    @TempDir
    Path stateDir;

    private final ObjectMapper json = Json.newMapper();
    private final MessageCounters counters = new MessageCounters();
    private final List<Object> routed = new ArrayList<>();
    private final List<String> areaCodes = new ArrayList<>();
    private final LiveSessions live = new LiveSessions(TOPICS, new NoLink());
    private MessageRouter router;

    @BeforeEach
    void newRouter() {
        // no trusted key: signatures are not checked, as in development
        router = new MessageRouter(
                RECEIVER,
                TOPICS,
                json,
                new ClockOffset(Clock.fixed(NOW, ZoneOffset.UTC)),
                new SignatureVerifier(List.of(), stateDir),
                counters,
                () -> List.copyOf(areaCodes),
                new RecordingRecipient(),
                live);
    }

    @Test
    void shouldHandOnAMessageForEachOfThisReceiversTopics() throws Exception {
        areaCodes.add("vn");
        Manifest own = new Manifest(Schemas.MANIFEST, RECEIVER, 1L, NOW, List.of());
        Manifest area = new Manifest(Schemas.MANIFEST, null, 1L, NOW, List.of(), "vn");
        Areas areas = new Areas(Schemas.AREAS, RECEIVER, 1L, List.of("vn"));
        Command command = command(RECEIVER, NOW.plusSeconds(60));
        Ack ack = new Ack(Schemas.ACK, RECEIVER, List.of(UUID.randomUUID()));

        route(TOPICS.manifest(RECEIVER), own);
        route(TOPICS.areaManifest("vn"), area);
        route(TOPICS.areas(RECEIVER), areas);
        route(TOPICS.command(RECEIVER), command);
        route(TOPICS.ack(RECEIVER), ack);

        assertThat(routed).containsExactly(own, area, areas, command, ack.eventIds());
        assertThat(counters.droppedTotal()).isZero();
    }

    @Test
    void shouldHandAnAuthenticLiveFrameToItsSessionAndCountEveryOtherFrame() {
        String sessionId = "0b7e5c1a-2f43-4d8e-a6b1-9c3f7e2d5a10";
        byte[] key = new byte[32];
        FrameAuthenticator authenticator = new FrameAuthenticator(key);
        LivePlayout playout = new LivePlayout(
                authenticator,
                400,
                micros(NOW) + 3_600_000_000L,
                PlayoutTiming.of(new ClockOffset(Clock.fixed(NOW, ZoneOffset.UTC))),
                () -> true);
        live.open(sessionId, playout);
        long pastCapture = micros(NOW) - 1_000_000; // its time has passed: counted late by the playout
        byte[] authentic = authenticator.seal(LiveFrame.Kind.AUDIO, 7, pastCapture, 960, new byte[] {1, 2, 3});
        byte[] otherKey = key.clone();
        otherKey[0] = 1;
        byte[] forged =
                new FrameAuthenticator(otherKey).seal(LiveFrame.Kind.AUDIO, 8, pastCapture, 960, new byte[] {1});

        router.route(TOPICS.live(sessionId), authentic, Map.of());
        router.route(TOPICS.live(sessionId), forged, Map.of());
        router.route(TOPICS.live(sessionId), new byte[] {1, 0, 0}, Map.of());
        router.route(TOPICS.live("11111111-2f43-4d8e-a6b1-9c3f7e2d5a10"), authentic, Map.of());

        assertThat(playout.stats().report().framesLate())
                .as("the authentic frame reached the playout")
                .isEqualTo(1);
        assertThat(counters.droppedFor(DropReason.FORGED_LIVE_FRAME)).isEqualTo(1);
        assertThat(counters.droppedFor(DropReason.BAD_LIVE_FRAME)).isEqualTo(1);
        assertThat(counters.droppedFor(DropReason.NO_LIVE_SESSION)).isEqualTo(1);
        assertThat(routed).as("frames never reach the JSON recipient").isEmpty();

        live.close(sessionId, playout);
        router.routeLiveFrame(TOPICS.live(sessionId), authentic);
        assertThat(counters.droppedFor(DropReason.NO_LIVE_SESSION)).isEqualTo(2);
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    @Test
    void shouldDropWhatIsNotForThisReceiver() throws Exception {
        route(TOPICS.manifest("rx-2"), new Manifest(Schemas.MANIFEST, "rx-2", 1L, NOW, List.of()));
        route(TOPICS.areaManifest("vn"), new Manifest(Schemas.MANIFEST, null, 1L, NOW, List.of(), "vn"));
        route(TOPICS.manifest(RECEIVER), new Manifest(Schemas.MANIFEST, "rx-2", 1L, NOW, List.of()));
        route(TOPICS.command(RECEIVER), command("rx-2", NOW.plusSeconds(60)));

        assertThat(routed).isEmpty();
        assertThat(counters.droppedFor(DropReason.UNEXPECTED_TOPIC)).isEqualTo(2);
        assertThat(counters.droppedFor(DropReason.RECEIVER_MISMATCH)).isEqualTo(2);
    }

    @Test
    void shouldDropEmptyMalformedAndUnknownPayloads() throws Exception {
        router.route(TOPICS.manifest(RECEIVER), new byte[0], Map.of());
        router.route(TOPICS.manifest(RECEIVER), "{not json".getBytes(StandardCharsets.UTF_8), Map.of());
        router.route(TOPICS.manifest(RECEIVER), "[1, 2]".getBytes(StandardCharsets.UTF_8), Map.of());
        route(TOPICS.manifest(RECEIVER), new Areas(Schemas.AREAS, RECEIVER, 1L, List.of()));
        route(TOPICS.manifest(RECEIVER), new Manifest(Schemas.MANIFEST, RECEIVER, null, NOW, List.of()));

        assertThat(routed).isEmpty();
        assertThat(counters.droppedFor(DropReason.EMPTY)).isEqualTo(1);
        assertThat(counters.droppedFor(DropReason.MALFORMED)).isEqualTo(2);
        assertThat(counters.droppedFor(DropReason.UNKNOWN_SCHEMA)).isEqualTo(1);
        assertThat(counters.droppedFor(DropReason.INCOMPLETE)).isEqualTo(1);
    }

    @Test
    void shouldCarryOutACommandOnceAndNeverAfterItExpired() throws Exception {
        Command command = command(RECEIVER, NOW.plusSeconds(60));

        route(TOPICS.command(RECEIVER), command);
        route(TOPICS.command(RECEIVER), command);
        route(TOPICS.command(RECEIVER), command(RECEIVER, NOW.minusSeconds(1)));

        assertThat(routed).containsExactly(command);
        assertThat(counters.droppedFor(DropReason.DUPLICATE)).isEqualTo(1);
        assertThat(counters.droppedFor(DropReason.EXPIRED)).isEqualTo(1);
    }

    private void route(String topic, Object payload) throws Exception {
        router.route(topic, json.writeValueAsBytes(payload), Map.of());
    }

    private static Command command(String receiverId, Instant expiresAt) {
        return new Command(
                Schemas.COMMAND,
                UUID.randomUUID(),
                receiverId,
                CommandType.REPORT_NOW,
                null,
                NOW.minusSeconds(5),
                expiresAt,
                null);
    }

    private final class RecordingRecipient implements MessageRouter.Recipient {

        @Override
        public void manifest(String topic, Manifest manifest) {
            routed.add(manifest);
        }

        @Override
        public void areaManifest(String topic, String code, Manifest manifest) {
            routed.add(manifest);
        }

        @Override
        public void areas(String topic, Areas areas) {
            routed.add(areas);
        }

        @Override
        public void command(Command command) {
            routed.add(command);
        }

        @Override
        public void acknowledged(List<UUID> eventIds) {
            routed.add(eventIds);
        }

        @Override
        public void refused(String topic, DropReason reason) {
            routed.add(reason);
        }
    }

    /** A link that is down: live sessions subscribe to nothing. */
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
