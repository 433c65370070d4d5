package vn.loaxa.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.config.AgentConfig;
import vn.loaxa.agent.config.SinkType;
import vn.loaxa.agent.config.Tuning;
import vn.loaxa.agent.download.RetryPolicy;
import vn.loaxa.agent.live.FrameAuthenticator;
import vn.loaxa.agent.live.LiveFrame;
import vn.loaxa.agent.playback.FileSink;
import vn.loaxa.agent.playback.PcmFormat;
import vn.loaxa.agent.protocol.AgentEvent;
import vn.loaxa.agent.protocol.EventType;
import vn.loaxa.agent.protocol.Json;
import vn.loaxa.agent.protocol.LiveRef;
import vn.loaxa.agent.protocol.LiveReport;
import vn.loaxa.agent.protocol.Manifest;
import vn.loaxa.agent.protocol.ManifestEntry;
import vn.loaxa.agent.protocol.Priority;
import vn.loaxa.agent.protocol.Schemas;
import vn.loaxa.agent.support.EmbeddedBroker;
import vn.loaxa.agent.support.OpusPackets;
import vn.loaxa.agent.time.ClockOffset;

/**
 * Live sessions end to end: a real agent with the file sink, an embedded broker, and a test publisher in the
 * server's place that sends real Opus frames as they are captured (capture time = now), a forged frame and the end.
 */
class AgentLiveTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SERVER = "server";
    private static final String SERVER_PASSWORD = "server-password";
    private static final int DELAY_MS = 400;
    private static final long FRAME_MICROS = 20_000;
    private static final AtomicInteger RUN = new AtomicInteger();

    @TempDir
    static Path sharedDir;

    private static EmbeddedBroker broker;
    private static List<byte[]> packets;

    @TempDir
    Path cacheDir;

    private final ObjectMapper json = Json.newMapper();
    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
    private final byte[] frameKey =
            UUID.randomUUID().toString().substring(0, 32).getBytes(StandardCharsets.US_ASCII);
    private final FrameAuthenticator frames = new FrameAuthenticator(frameKey);
    private final String sessionId = UUID.randomUUID().toString();
    private String prefix;
    private String receiverId;
    private Topics topics;
    private MqttClient server;
    private AgentExecutors executors;
    private Agent agent;

    @BeforeAll
    static void startInfrastructure() throws Exception {
        broker = EmbeddedBroker.start(Files.createDirectories(sharedDir.resolve("broker")));
        broker.allow(SERVER, SERVER_PASSWORD);
        packets = OpusPackets.tone(sharedDir, 1.0);
    }

    @AfterAll
    static void stopInfrastructure() throws Exception {
        broker.close();
    }

    @BeforeEach
    void connectServer() throws MqttException {
        int run = RUN.incrementAndGet();
        prefix = "live-" + run + "-" + UUID.randomUUID().toString().substring(0, 8);
        receiverId = "rx-live-" + run;
        topics = new Topics(prefix);
        server = new MqttClient(broker.url(), SERVER, new MemoryPersistence());
        server.setCallback(new OnMessage() {
            @Override
            public void messageArrived(String topic, MqttMessage message) throws IOException {
                events.add(json.readValue(message.getPayload(), AgentEvent.class));
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setUserName(SERVER);
        options.setPassword(SERVER_PASSWORD.getBytes(StandardCharsets.UTF_8));
        server.connect(options);
        server.subscribe(prefix + "/v1/rx/+/event", 1);
    }

    @AfterEach
    void stopEverything() throws MqttException {
        publisher.shutdownNow();
        if (agent != null) {
            agent.close();
        }
        if (executors != null) {
            executors.close();
        }
        server.disconnect();
        server.close();
    }

    @Test
    void shouldPlayAuthenticFramesInStepAndReportTheSession() throws Exception {
        startAgent();
        Instant start = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        ManifestEntry entry = liveEntry("occ-live", start);
        publishManifest(entry);
        int audioFrames = 150;

        long startMicros = micros(start);
        publish(startMicros, audioFrames);

        AgentEvent played = awaitEvent(entry, EventType.PLAYED);
        AgentEvent playing = awaitEvent(entry, EventType.PLAYING);
        assertThat(event(entry, EventType.FAILED)).isNull();
        assertThat(playing.at()).isBefore(played.at());
        assertThat(Duration.between(Instant.EPOCH.plus(startMicros + DELAY_MS * 1000L, ChronoUnit.MICROS), playing.at())
                        .abs())
                .as("the first frame plays at its capture time plus the delay")
                .isLessThan(Duration.ofMillis(2));
        LiveReport report = played.live();
        assertThat(report).isNotNull();
        assertThat(report.joins()).isEqualTo(1);
        assertThat(report.framesPlayed() + report.framesLate())
                .as("every authentic frame, not the forged one")
                .isEqualTo(audioFrames);
        assertThat(report.framesLate())
                .as("none, unless the box stalled the agent by a frame or more (it then skips to stay on time)")
                .isLessThanOrEqualTo(5);
        assertThat(report.framesLost())
                .as("the forged frame's place, concealed")
                .isEqualTo(1);
        assertThat(agent.counters().droppedFor(DropReason.FORGED_LIVE_FRAME)).isEqualTo(1);

        List<long[]> index = index();
        assertThat(index).hasSize((int) (audioFrames + 1 - report.framesLate()));
        assertThat(index.get(0)[0] - (startMicros + DELAY_MS * 1000L))
                .as("the first sample is heard on its instant, server clock")
                .isBetween(0L, 5_000L);
        assertThat(peak(Files.readAllBytes(pcm()))).as("a tone, not silence").isGreaterThan(3_000);
    }

    @Test
    void shouldRejoinAtTheLivePointAfterTheLinkWasDown() throws Exception {
        startAgent();
        Instant start = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        ManifestEntry entry = liveEntry("occ-live-rejoin", start);
        publishManifest(entry);
        int audioFrames = 1_000; // 20 s: the agent's reconnect backoff may take a few seconds after the outage
        long startMicros = micros(start);

        publish(startMicros, audioFrames);
        await().atMost(TIMEOUT).until(() -> event(entry, EventType.PLAYING) != null);
        await().atMost(TIMEOUT).until(() -> Instant.now().isAfter(start.plusSeconds(2)));
        broker.deny(receiverId);
        broker.disconnect(receiverId);
        await().atMost(TIMEOUT).until(() -> !agent.isConnected());
        Instant downAt = Instant.now();
        await().atMost(TIMEOUT).until(() -> Instant.now().isAfter(downAt.plusSeconds(5)));
        broker.allow(receiverId, "secret-" + receiverId);
        await().atMost(TIMEOUT).until(agent::isConnected);
        long reconnectedMicros = micros(Instant.now());

        AgentEvent played = awaitEvent(entry, EventType.PLAYED);
        LiveReport report = played.live();
        assertThat(report.joins()).isEqualTo(2);
        long outageFrames = (reconnectedMicros - micros(downAt) - DELAY_MS * 1000L) / FRAME_MICROS;
        assertThat(report.framesPlayed())
                .as("the frames due while the agent was away never play")
                .isLessThanOrEqualTo(audioFrames - outageFrames + 5);
        List<long[]> index = index();
        int afterGap = firstWriteFrom(index, reconnectedMicros - 50_000);
        long[] firstAfterGap = index.get(afterGap);
        long sinceFirstDue = frameStartMicros(index, afterGap) - (startMicros + DELAY_MS * 1000L);
        long offGrid = Math.floorMod(sinceFirstDue + FRAME_MICROS / 2, FRAME_MICROS) - FRAME_MICROS / 2;
        assertThat(Math.abs(offGrid))
                .as("after the outage the first frame played is heard on its own due instant: the live point")
                .isLessThan(3_000);

        long gapStart = index.stream()
                .filter(write -> write[0] < firstAfterGap[0])
                .mapToLong(write -> write[0])
                .max()
                .orElseThrow();
        assertThat(firstAfterGap[0] - gapStart)
                .as("nothing from the outage was played late")
                .isGreaterThan(4_000_000);
        assertThat(peak(Files.readAllBytes(pcm()))).isGreaterThan(3_000);
    }

    @Test
    void shouldRejoinAtTheLivePointWhenTheAgentIsRestartedMidSession() throws Exception {
        startAgent();
        Instant start = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        ManifestEntry entry = liveEntry("occ-live-restart", start);
        publishManifest(entry);
        int audioFrames = 500; // 10 s
        long startMicros = micros(start);

        publish(startMicros, audioFrames);
        await().atMost(TIMEOUT).until(() -> event(entry, EventType.PLAYING) != null);
        await().atMost(TIMEOUT).until(() -> Instant.now().isAfter(start.plusSeconds(3)));
        agent.close();
        executors.close();
        long stoppedMicros = micros(Instant.now());
        await().atMost(TIMEOUT).until(() -> Instant.now().isAfter(start.plusSeconds(4)));
        long restartedMicros = micros(Instant.now());
        startAgent();

        AgentEvent played = awaitEvent(entry, EventType.PLAYED);
        assertThat(event(entry, EventType.FAILED))
                .as("a restart is not a failure")
                .isNull();
        LiveReport report = played.live();
        assertThat(report.joins())
                .as("the run before the restart, and the one after it")
                .isEqualTo(2);
        long firstDueMicros = startMicros + DELAY_MS * 1000L;
        long framesBefore = (stoppedMicros - firstDueMicros) / FRAME_MICROS;
        assertThat(report.framesPlayed())
                .as("the frames played before the restart count too")
                .isGreaterThan(framesBefore + 100);
        List<long[]> index = index();
        long sinceFirstDue = frameStartMicros(index, firstWriteFrom(index, restartedMicros)) - firstDueMicros;
        long offGrid = Math.floorMod(sinceFirstDue + FRAME_MICROS / 2, FRAME_MICROS) - FRAME_MICROS / 2;
        assertThat(Math.abs(offGrid))
                .as("after the restart the first frame is heard on its own due instant: the live point")
                .isLessThan(3_000);
        assertThat(events.stream()
                        .filter(e -> e.occurrenceId().equals(entry.occurrenceId()) && e.event() == EventType.PLAYING)
                        .map(AgentEvent::id)
                        .distinct())
                .as("PLAYING once per session (the outbox may send it again: at least once, same id)")
                .hasSize(1);
    }

    @Test
    void shouldReportALiveSessionInAnotherCodecAsFailedWithoutPlaying() throws Exception {
        startAgent();
        Instant start = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        ManifestEntry mono = liveEntry("occ-live-stereo", start);
        LiveRef stereo = new LiveRef(
                sessionId,
                LiveRef.OPUS,
                LiveRef.SAMPLE_RATE,
                2,
                mono.live().frameKey(),
                DELAY_MS,
                start.plusSeconds(60));
        publishManifest(new ManifestEntry(
                mono.occurrenceId(),
                mono.broadcastId(),
                mono.title(),
                Priority.PRIORITY,
                start,
                start.plusSeconds(60),
                null,
                stereo));

        AgentEvent failed = awaitEvent(mono, EventType.FAILED);

        assertThat(failed.reason()).contains("2 channel(s)", "plays only opus 48000 Hz mono");
        assertThat(event(mono, EventType.PLAYING)).isNull();
    }

    // ---- the server's part ----

    /** Sends {@code count} audio frames as they are captured, then a forged frame and the (retained) end. */
    private void publish(long startMicros, int count) {
        AtomicLong next = new AtomicLong();
        long delayMicros = Math.max(0, startMicros - micros(Instant.now()));
        publisher.scheduleAtFixedRate(
                () -> {
                    long sequence = next.getAndIncrement();
                    long capture = startMicros + sequence * FRAME_MICROS;
                    try {
                        if (sequence < count) {
                            byte[] opus = packets.get((int) (sequence % packets.size()));
                            send(frames.seal(LiveFrame.Kind.AUDIO, sequence, capture, 960, opus), 0, false);
                        } else if (sequence == count) {
                            byte[] otherKey = frameKey.clone();
                            otherKey[0] ^= 1;
                            send(
                                    new FrameAuthenticator(otherKey)
                                            .seal(LiveFrame.Kind.AUDIO, sequence, capture, 960, packets.get(0)),
                                    0,
                                    false);
                        } else if (sequence == count + 1) {
                            send(frames.seal(LiveFrame.Kind.END, sequence, capture, 0, new byte[0]), 1, true);
                        }
                    } catch (MqttException e) {
                        throw new IllegalStateException(e);
                    }
                },
                delayMicros,
                FRAME_MICROS,
                TimeUnit.MICROSECONDS);
    }

    private void send(byte[] frame, int qos, boolean retained) throws MqttException {
        server.publish(topics.live(sessionId), new MqttMessage(frame, qos, retained, null));
    }

    private ManifestEntry liveEntry(String occurrenceId, Instant start) {
        return new ManifestEntry(
                occurrenceId,
                "broadcast-live",
                "live " + occurrenceId,
                Priority.PRIORITY,
                start,
                start.plusSeconds(120),
                null,
                new LiveRef(
                        sessionId,
                        LiveRef.OPUS,
                        LiveRef.SAMPLE_RATE,
                        1,
                        Base64.getEncoder().encodeToString(frameKey),
                        DELAY_MS,
                        start.plusSeconds(120)));
    }

    private void publishManifest(ManifestEntry... entries) throws Exception {
        Manifest manifest = new Manifest(Schemas.MANIFEST, receiverId, 1L, Instant.now(), List.of(entries));
        MqttMessage message = new MqttMessage(json.writeValueAsBytes(manifest), 1, true, new MqttProperties());
        message.getProperties().setMessageExpiryInterval(3600L);
        server.publish(topics.manifest(receiverId), message);
    }

    // ---- the agent ----

    private void startAgent() throws Exception {
        String secret = "secret-" + receiverId;
        broker.allow(receiverId, secret);
        AgentConfig config = new AgentConfig(
                        receiverId, secret, broker.url(), null, prefix, cacheDir, SinkType.FILE, null, 5)
                .withTuning(Tuning.defaults().withFlush(1000, Duration.ZERO));
        ClockOffset time = new ClockOffset(Clock.systemUTC());
        executors = new AgentExecutors();
        agent = Agent.builder(config, executors, new FileSink(cacheDir, receiverId, time::serverNow))
                .retryPolicy(new RetryPolicy(3, 3, Duration.ofMillis(20), Duration.ofMillis(100)))
                .json(json)
                .time(time)
                .build();
        agent.start();
        await().atMost(TIMEOUT).until(agent::isConnected);
    }

    private Path pcm() {
        return cacheDir.resolve(receiverId + FileSink.PCM_SUFFIX);
    }

    /** The file sink's index: per write, when it is heard (server clock, micros) and its byte offset. */
    private List<long[]> index() throws IOException {
        return Files.readAllLines(cacheDir.resolve(receiverId + FileSink.INDEX_SUFFIX)).stream()
                .map(line -> line.split(" "))
                .map(parts -> new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])})
                .toList();
    }

    private static int firstWriteFrom(List<long[]> index, long micros) {
        for (int i = 0; i < index.size(); i++) {
            if (index.get(i)[0] >= micros) {
                return i;
            }
        }
        throw new AssertionError("nothing was written from " + micros);
    }

    /**
     * When the frame of write {@code i} would have started: a write is a whole 20 ms frame unless the agent cut
     * the part it was behind (it woke up late), and then the cut part would have started earlier.
     */
    private static long frameStartMicros(List<long[]> index, int i) {
        int frameBytes = 960 * PcmFormat.BYTES_PER_SAMPLE;
        long bytes = i + 1 < index.size() ? index.get(i + 1)[1] - index.get(i)[1] : frameBytes;
        long cutSamples = Math.max(0, frameBytes - bytes) / PcmFormat.BYTES_PER_SAMPLE;
        return index.get(i)[0] - cutSamples * 1_000_000L / LiveFrame.SAMPLE_RATE;
    }

    private AgentEvent awaitEvent(ManifestEntry entry, EventType type) {
        await().atMost(TIMEOUT).until(() -> event(entry, type) != null);
        return event(entry, type);
    }

    private AgentEvent event(ManifestEntry entry, EventType type) {
        return events.stream()
                .filter(e -> e.occurrenceId().equals(entry.occurrenceId()) && e.event() == type)
                .findFirst()
                .orElse(null);
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static int peak(byte[] pcm) {
        int peak = 0;
        for (int i = 0; i + 1 < pcm.length; i += PcmFormat.BYTES_PER_SAMPLE) {
            peak = Math.max(peak, Math.abs((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8))));
        }
        return peak;
    }
}
