package vn.loaxa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.loaxa.account.service.Passwords;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.receiver.model.ReceiverRepository;
import vn.loaxa.receiver.service.ReceiverPlaced;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.Api;
import vn.loaxa.support.BrowserCapture;
import vn.loaxa.support.ClickTrack;
import vn.loaxa.support.EndToEndFixture;
import vn.loaxa.support.FfmpegLiveSource;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.HeadlessChromium;
import vn.loaxa.support.HeardClicks;
import vn.loaxa.support.LiveFrameTap;
import vn.loaxa.support.PageWait;
import vn.loaxa.support.ReceiverBulk;
import vn.loaxa.support.SinkTimeline;

/**
 * P8 (docs/performance.md): live broadcast from the browser, glass to loudspeaker.
 *
 * <ul>
 *   <li>Latency and spread: headless Chromium's microphone plays a {@link ClickTrack}; once the agents' clocks have
 *       settled, an operator goes live from the page to {@value #DEFAULT_PROCESSES} or more agent processes whose
 *       {@code file} sinks keep what they played and when. Each click's glass instant is when the page received it
 *       from the capture device ({@link BrowserCapture}); its heard instant per receiver comes from the sink
 *       ({@link HeardClicks}). Latency is heard minus glass, split at the page's encoder and the server's capture
 *       stamp ({@link LiveFrameTap}); spread is each receiver's deviation from the click's median heard instant.
 *       Baselines in the same run: the announced playout delay (the designed latency), and, after the session, the
 *       spread of the same receivers playing the same clicks as a scheduled broadcast, read from the same sinks.
 *   <li>Late frames at scale: the fleet simulator ({@code --simulate}, shared MQTT event loop, null sink, each
 *       receiver registered with its own secret) joins one session fed by the command-line source once every
 *       receiver is online and its catch-up is over, and after an uncounted warm-up session; the counted
 *       session's PLAYED reports are summed. The null sink keeps no
 *       audio, so its members do not decode (a real receiver's decode cost is {@code OpusDecodeBenchmark}'s); the
 *       source's Opus frame length is {@code -Dloaxa.bench.frame-ms} (60, as docs/operations.md sends).
 * </ul>
 *
 * Runs only on demand: {@code mvn -B test -Dloaxa.perf=true -Dtest=LiveLatencyBenchmarkTest}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "loaxa.perf", matches = "true")
class LiveLatencyBenchmarkTest {
    private static final int DEFAULT_PROCESSES = 3;
    private static final int PROCESSES = Integer.getInteger("loaxa.bench.processes", DEFAULT_PROCESSES);
    private static final int RECEIVERS_PER_PROCESS = Integer.getInteger("loaxa.bench.receivers-per-process", 2);
    private static final int LIVE_SECONDS = Integer.getInteger("loaxa.bench.live-seconds", 30);
    private static final int FLEET = Integer.getInteger("loaxa.bench.fleet", 1000);
    private static final int FLEET_LIVE_SECONDS = Integer.getInteger("loaxa.bench.fleet-live-seconds", 30);
    /** A first, uncounted session, so that the counted one meets a server and receivers that have run one before. */
    private static final int FLEET_WARMUP_SECONDS = Integer.getInteger("loaxa.bench.fleet-warmup-seconds", 10);
    /** How long the agents run before the first measurement: their time sync polls at 0, 2, 4, 8 and 16 s. */
    private static final Duration SETTLE = Duration.ofSeconds(Integer.getInteger("loaxa.bench.settle-seconds", 32));

    private static final int BASELINE_LOOPS = 3;

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String OPERATOR = "p8-operator";
    private static final String FLEET_SECRET = "p8-fleet-secret";
    /** Under half the shortest gap between two clicks, so that a click is never taken for its neighbour. */
    private static final long SAME_CLICK_MICROS = 150_000;
    /** The longest latency looked for; under the click track's loop, so that a click is not taken for its repeat. */
    private static final long LONGEST_LATENCY_MICROS = 3_000_000;

    /** The page's 60 ms packets. */
    private static final long OPUS_FRAME_SAMPLES = 2880;

    private static final Pattern LISTENING = Pattern.compile("(sim-\\d+) listens to areas \\[P8K]");
    private static final Pattern CATCH_UP = Pattern.compile("asked the server to catch up");
    private static final Pattern OFFSET = Pattern.compile("clock offset against the server: (-?\\d+ ms)");

    @Inject
    EndToEndFixture e2e;

    @Inject
    MqttConfig mqtt;

    @Inject
    EmbeddedBroker broker;

    @Inject
    ReceiverBulk bulk;

    @Inject
    ReceiverRepository receivers;

    @Inject
    Passwords passwords;

    @Inject
    Event<ReceiverPlaced> placed;

    @TestHTTPResource("/")
    URL base;

    @Test
    void measureGlassToLoudspeakerLatencyAndSpread() throws Exception {
        assertThat(PROCESSES).isGreaterThanOrEqualTo(DEFAULT_PROCESSES);
        List<Map<String, String>> perProcess = new ArrayList<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        Fixtures.area("P8", "COMMUNE", null);
        for (int p = 0; p < PROCESSES; p++) {
            Map<String, String> mine = new LinkedHashMap<>();
            for (int r = 0; r < RECEIVERS_PER_PROCESS; r++) {
                String id = "p8-rx-" + p + "-" + r;
                mine.put(id, Fixtures.receiver(id, "P8", List.of("vie")));
            }
            perProcess.add(mine);
            secrets.putAll(mine);
        }
        operatorAccount("P8");
        Path sinks = emptyDirectory(Path.of("target", "p8-sinks"));
        List<String> fileSink =
                List.of("--sink", "file", "--sink-file", sinks.toAbsolutePath().toString());
        List<AgentProcess> agents = new ArrayList<>();
        Instant settled = Instant.now().plus(SETTLE);
        try {
            for (int p = 0; p < PROCESSES; p++) {
                agents.add(e2e.agent("p8-agent-" + p, perProcess.get(p), fileSink));
            }
            for (int p = 0; p < PROCESSES; p++) {
                agents.get(p).awaitOnline(perProcess.get(p).keySet(), EndToEndFixture.ONLINE_WITHIN);
            }

            LiveRun live = goLiveFromThePage(secrets.size(), settled);
            live.keep(sinks);
            long baselineFrom = nowMicros();
            playClickTrackAsScheduledBroadcast(secrets.size());

            // every receiver plays the same decoded clip: the same sample is the same sound everywhere
            List<List<Long>> fileSamples = new ArrayList<>();
            Map<String, List<Long>> liveClicks = new TreeMap<>();
            for (String id : secrets.keySet()) {
                SinkTimeline timeline = SinkTimeline.of(sinks, id);
                long clipStart = timeline.firstSampleHeardFrom(baselineFrom);
                fileSamples.add(Stream.iterate(
                                clipStart,
                                sample -> sample - clipStart
                                        < (long) BASELINE_LOOPS * ClickTrack.LOOP_MS * ClickTrack.RATE / 1000,
                                sample -> sample + ClickTrack.RATE / 2)
                        .map(timeline::heardAtMicros)
                        .toList());
                liveClicks.put(
                        id,
                        HeardClicks.of(sinks, id).stream()
                                .filter(at -> at < baselineFrom)
                                .toList());
            }
            System.out.printf(
                    "P8 agents' last measured clock offsets against the server: %s%n",
                    agents.stream().map(LiveLatencyBenchmarkTest::lastOffset).toList());
            report(live, Spread.ofSameSamples(fileSamples), liveClicks);
        } finally {
            agents.forEach(AgentProcess::close);
        }
    }

    @Test
    void measureLateFramesWhenAThousandReceiversJoinOneSession() throws Exception {
        Fixtures.area("P8K", "COMMUNE", null);
        // the simulator's receivers sim-00001…, each with its own secret, hashed as the server keeps it
        Map<String, String> hashes = new LinkedHashMap<>();
        IntStream.rangeClosed(1, FLEET)
                .parallel()
                .mapToObj(i ->
                        Map.entry("sim-%05d".formatted(i), passwords.brokerHash("%s-%05d".formatted(FLEET_SECRET, i))))
                .toList()
                .forEach(hash -> hashes.put(hash.getKey(), hash.getValue()));
        bulk.create("P8K", hashes);
        // as provisioning through the API does: each receiver is told its area topics
        QuarkusTransaction.requiringNew().run(() -> hashes.keySet().forEach(id -> placed.fire(new ReceiverPlaced(id))));
        long started = System.nanoTime();
        try (AgentProcess agent = e2e.simulatingAgent("p8-fleet", FLEET, List.of("--secret", FLEET_SECRET))) {
            // what a live session needs of a receiver is its subscription to the area's topic
            await("the fleet listening to its area")
                    .atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> {
                        assertThat(agent.alive()).as(agent::log).isTrue();
                        assertThat(LISTENING
                                        .matcher(agent.log())
                                        .results()
                                        .map(listening -> listening.group(1))
                                        .distinct()
                                        .count())
                                .isEqualTo(FLEET);
                    });
            double listening = (System.nanoTime() - started) / 1e9;
            // an operator goes live to a fleet that is connected, not into its connect storm
            await("the server counting the fleet online")
                    .atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> online("P8K") == FLEET);
            AtomicLong catchUps = new AtomicLong(-1);
            await("the fleet's catch-up requests over")
                    .atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofSeconds(5))
                    .until(() -> catchUps.getAndSet(
                                    CATCH_UP.matcher(agent.log()).results().count())
                            == catchUps.get());
            System.out.printf(
                    "P8 fleet: %d receivers listening to their area in %.1f s, online in the server's records and"
                            + " their catch-up over after %.1f s%n",
                    FLEET, listening, (System.nanoTime() - started) / 1e9);

            if (FLEET_WARMUP_SECONDS > 0) {
                FleetSession warmUp = fleetSession("P8 fleet warm-up", FLEET_WARMUP_SECONDS);
                System.out.printf("P8 fleet: warm-up session, not counted: %s%n", warmUp);
            }
            FleetSession counted = fleetSession("P8 fleet", FLEET_LIVE_SECONDS);
            System.out.printf(
                    "P8 fleet: %d simulated receivers in one agent process, %d s live from the command-line source"
                            + " (after a %d s warm-up session): %s%n",
                    FLEET, FLEET_LIVE_SECONDS, FLEET_WARMUP_SECONDS, counted);
            assertThat(counted.joined()).as("receivers that joined").isEqualTo(FLEET);
            assertThat(counted.latePercent()).as("late frames, %").isLessThanOrEqualTo(1.0);
        }
    }

    /**
     * One live session to the whole fleet, fed by the command-line source for {@code seconds}, summed from the
     * receivers' PLAYED reports once none is playing and the session's recording is processed.
     */
    private FleetSession fleetSession(String title, int seconds) throws Exception {
        JsonPath live = asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("title", title, "targets", Map.of("areas", List.of("P8K"))))
                .post("/api/v1/live")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String broadcast = live.getString("broadcastId");
        awaitJoinMargin(live);
        try (FfmpegLiveSource source = FfmpegLiveSource.start(
                base, live.getString("audioPath"), Api.ADMIN, Api.ADMIN_PASSWORD, seconds, 440)) {
            source.awaitEnd(seconds + 60);
        }
        String session = "/api/v1/live/" + live.getString("id");
        asAdmin().post(session + "/end");
        await("every receiver's report")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> stillPlaying(e2e.deliveries(broadcast)) == 0);
        await("the session's recording processed")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> recordingDone(
                        asAdmin().get(session).then().statusCode(200).extract().jsonPath()));

        JsonPath report = e2e.deliveries(broadcast);
        List<Integer> joins = report.getList("deliveries.live.joins", Integer.class);
        long joined = joins.stream().filter(j -> j != null && j > 0).count();
        return new FleetSession(
                joined,
                report.getMap("counts").toString(),
                sum(joins) - joined,
                sum(report.getList("deliveries.live.framesPlayed", Integer.class)),
                sum(report.getList("deliveries.live.framesLate", Integer.class)),
                sum(report.getList("deliveries.live.framesLost", Integer.class)),
                live.getInt("delayMs"));
    }

    private boolean recordingDone(JsonPath session) {
        String recording = session.getString("recordingId");
        if (recording == null) {
            return false;
        }
        String status = asAdmin()
                .get("/api/v1/media/" + recording)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("status");
        return !"PROCESSING".equals(status);
    }

    private record FleetSession(
            long joined, String counts, long rejoins, long played, long late, long lost, int delayMs) {

        double latePercent() {
            return 100.0 * late / Math.max(1, played + late + lost);
        }

        @Override
        public String toString() {
            return "%d joined (%s), %d rejoins; frames played %d, late %d (%.3f %%), lost %d (%.3f %%); announced delay %d ms"
                    .formatted(
                            joined,
                            counts,
                            rejoins,
                            played,
                            late,
                            latePercent(),
                            lost,
                            100.0 * lost / Math.max(1, played + late + lost),
                            delayMs);
        }
    }

    /**
     * As docs/operations.md tells an operator with a console microphone (and as the page does): the source starts
     * once the announcement went out and the receivers had the join margin to take the session's topic.
     */
    private void awaitJoinMargin(JsonPath live) {
        String session = "/api/v1/live/" + live.getString("id");
        OffsetDateTime announced = await("the session's announcement")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> asAdmin()
                                .get(session)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getString("announcedAt"),
                        at -> at != null)
                .transform(OffsetDateTime::parse);
        OffsetDateTime listening = announced.plus(Duration.ofMillis(live.getInt("joinMarginMs")));
        await("the join margin")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> !OffsetDateTime.now().isBefore(listening));
    }

    /** Baseline for the spread: the same receivers play the same clicks from a scheduled broadcast. */
    private void playClickTrackAsScheduledBroadcast(int receiverCount) throws IOException {
        Path track = ClickTrack.wav(Files.createTempFile("p8-clicks", ".wav"), BASELINE_LOOPS);
        String bulletin = Fixtures.bulletin(Fixtures.uploadReadyMedia(track, "P8 clicks", "vie"), "NORMAL");
        // late enough that every agent has the audio before it is due
        String broadcast = Fixtures.broadcast(
                bulletin,
                List.of("P8"),
                List.of(),
                OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(15));
        await("the scheduled clicks played")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> e2e.deliveries(broadcast).getInt("counts.PLAYED") == receiverCount);
    }

    private record LiveRun(
            BrowserCapture capture,
            long pageClockAheadMicros,
            long pageClockUncertaintyMicros,
            Map<Long, LiveFrameTap.Frame> frames,
            JsonPath session,
            JsonPath deliveries) {

        /** Keeps the glass instants and the frames' stamps next to the sink files, for a closer look. */
        void keep(Path directory) throws IOException {
            StringBuilder glass = new StringBuilder("sample,glass_micros\n");
            capture.onsets()
                    .forEach(onset -> glass.append(onset)
                            .append(',')
                            .append(capture.glassMicros(onset) - pageClockAheadMicros)
                            .append('\n'));
            Files.writeString(directory.resolve("glass.csv"), glass);
            StringBuilder stamps = new StringBuilder("sequence,capture_micros,arrived_micros\n");
            new TreeMap<>(frames)
                    .values()
                    .forEach(frame -> stamps.append(frame.sequence())
                            .append(',')
                            .append(frame.captureMicros())
                            .append(',')
                            .append(frame.arrivedMicros())
                            .append('\n'));
            Files.writeString(directory.resolve("frames.csv"), stamps);
        }
    }

    private LiveRun goLiveFromThePage(int receiverCount, Instant settled) throws Exception {
        Path microphone = ClickTrack.wav(Files.createTempFile("p8-microphone", ".wav"), 1);
        try (HeadlessChromium chromium = HeadlessChromium.withMicrophone(WAIT, microphone);
                LiveFrameTap tap = new LiveFrameTap(mqtt.url().or(broker::url).orElseThrow(), mqtt.topicPrefix())) {
            WebDriver driver = chromium.driver();
            login(driver);
            wait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("live-start")));
            BrowserCapture.watch(driver);
            await("the agents' clocks settled")
                    .atMost(SETTLE.plusSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> Instant.now().isAfter(settled));
            long[] pageClock = BrowserCapture.clockOffsetMicros(driver);
            driver.findElement(By.id("live-title")).sendKeys("P8: đo độ trễ phát trực tiếp");
            tick(driver, "input[name='areas'][value='P8']");
            driver.findElement(By.id("live-start")).click();
            wait(driver, WAIT).until(ExpectedConditions.alertIsPresent()).accept();
            wait(driver, WAIT)
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-status"), "Đang phát"));
            String session = (String) ((JavascriptExecutor) driver)
                    .executeScript("return document.getElementById('live-form').dataset.session");
            String broadcast =
                    asAdmin().get("/api/v1/live/" + session).jsonPath().getString("broadcastId");
            await("every receiver plays the session")
                    .atMost(WAIT)
                    .until(() -> e2e.deliveries(broadcast).getInt("counts.PLAYING") == receiverCount);
            wait(driver, Duration.ofSeconds(LIVE_SECONDS + 30))
                    .until(ExpectedConditions.textToBe(
                            By.id("live-time"), "%d:%02d".formatted(LIVE_SECONDS / 60, LIVE_SECONDS % 60)));
            driver.findElement(By.id("live-end")).click();
            wait(driver, WAIT)
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-status"), "Đã kết thúc"));
            BrowserCapture capture = BrowserCapture.read(driver);
            await("every receiver reports the session")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> e2e.deliveries(broadcast).getInt("counts.PLAYED") == receiverCount);
            return new LiveRun(
                    capture,
                    pageClock[0],
                    pageClock[1],
                    Map.copyOf(tap.frames()),
                    asAdmin().get("/api/v1/live/" + session).jsonPath(),
                    e2e.deliveries(broadcast));
        }
    }

    private void report(LiveRun live, Spread fileSpread, Map<String, List<Long>> liveClicks) {
        BrowserCapture capture = live.capture();
        List<Long> latencies = new ArrayList<>();
        List<Long> glassToEncoded = new ArrayList<>();
        List<Long> encodedToStamp = new ArrayList<>();
        List<Long> stampToHeard = new ArrayList<>();
        int unmatched = 0;
        Map<String, String> perReceiver = new TreeMap<>();
        for (Map.Entry<String, List<Long>> receiver : liveClicks.entrySet()) {
            List<Long> mine = new ArrayList<>();
            List<Long> myStampToHeard = new ArrayList<>();
            List<Long> glass = capture.onsets().stream()
                    .map(onset -> capture.glassMicros(onset) - live.pageClockAheadMicros())
                    .toList();
            long typical = typicalLatency(receiver.getValue(), glass);
            for (long heard : receiver.getValue()) {
                int click = nearest(glass, heard - typical);
                if (click < 0 || Math.abs(heard - typical - glass.get(click)) > SAME_CLICK_MICROS) {
                    unmatched++;
                    continue;
                }
                latencies.add(heard - glass.get(click));
                mine.add(heard - glass.get(click));
                long onset = capture.onsets().get(click);
                int packet = packetHolding(capture.packets(), onset);
                LiveFrameTap.Frame frame = packet < 0 ? null : live.frames().get((long) packet);
                if (frame != null) {
                    BrowserCapture.Packet sent = capture.packets().get(packet);
                    long encoded = sent.encodedAtMicros() - live.pageClockAheadMicros();
                    long stamp = frame.captureMicros() + micros(onset - sent.firstSample());
                    glassToEncoded.add(encoded - glass.get(click));
                    encodedToStamp.add(stamp - encoded);
                    stampToHeard.add(heard - stamp);
                    myStampToHeard.add(heard - stamp);
                }
            }
            perReceiver.put(
                    receiver.getKey(),
                    "%.1f / %.1f ms".formatted(ms(percentile(mine, 0.5)), ms(percentile(myStampToHeard, 0.5))));
        }
        Spread liveSpread = Spread.of(liveClicks.values());
        List<Long> transit = live.frames().values().stream()
                .map(frame -> frame.arrivedMicros() - frame.captureMicros())
                .toList();
        int delayMs = live.session().getInt("delayMs");
        System.out.printf(
                "P8 live: %d agent processes x %d receivers, %d s live from headless Chromium (%s; page clock %+.2f ms"
                        + " against the host's, +-%.2f ms); %d frames relayed, deliveries %s%n",
                PROCESSES,
                RECEIVERS_PER_PROCESS,
                LIVE_SECONDS,
                capture.summary(),
                live.pageClockAheadMicros() / 1e3,
                live.pageClockUncertaintyMicros() / 1e3,
                live.session().getLong("framesReceived"),
                live.deliveries().getList("deliveries.live"));
        System.out.printf(
                "P8 latency glass -> loudspeaker: %d clicks heard (%d not matched): median %.1f ms, p99 %.1f ms,"
                        + " min %.1f ms, max %.1f ms; baseline: announced playout delay %d ms; per receiver median"
                        + " latency / median server stamp -> heard: %s%n",
                latencies.size(),
                unmatched,
                ms(percentile(latencies, 0.5)),
                ms(percentile(latencies, 0.99)),
                ms(percentile(latencies, 0.0)),
                ms(percentile(latencies, 1.0)),
                delayMs,
                perReceiver);
        System.out.printf(
                "P8 latency parts: glass -> Opus packet out of the page's encoder median %.1f ms (p99 %.1f), packet"
                        + " out -> server's capture stamp median %.1f ms (p99 %.1f), server stamp -> heard median %.1f"
                        + " ms (p99 %.1f) over %d clicks; server stamp -> frame at a subscriber on this host:"
                        + " median %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms over %d frames; the page's first"
                        + " packet left its encoder %.1f ms after its first sample reached the page%n",
                ms(percentile(glassToEncoded, 0.5)),
                ms(percentile(glassToEncoded, 0.99)),
                ms(percentile(encodedToStamp, 0.5)),
                ms(percentile(encodedToStamp, 0.99)),
                ms(percentile(stampToHeard, 0.5)),
                ms(percentile(stampToHeard, 0.99)),
                stampToHeard.size(),
                ms(percentile(transit, 0.5)),
                ms(percentile(transit, 0.99)),
                ms(percentile(transit, 0.999)),
                ms(percentile(transit, 1.0)),
                transit.size(),
                capture.packets().isEmpty()
                        ? Double.NaN
                        : ms(capture.packets().get(0).encodedAtMicros() - capture.glassMicros(0)));
        System.out.printf(
                "P8 spread between receivers: live p99 |heard - click median| %.2f ms over %d clicks heard by all"
                        + " (worst click max-min %.2f ms); baseline, the same receivers playing the clicks as a"
                        + " scheduled broadcast: p99 %.2f ms over %d instants of the clip (worst max-min %.2f ms)%n",
                ms(liveSpread.p99()),
                liveSpread.clicks(),
                ms(liveSpread.worstRange()),
                ms(fileSpread.p99()),
                fileSpread.clicks(),
                ms(fileSpread.worstRange()));
        assertThat(latencies).as("clicks heard and matched").hasSizeGreaterThan(liveClicks.size() * LIVE_SECONDS / 2);
        assertThat(percentile(latencies, 0.5)).as("median latency").isLessThanOrEqualTo(600_000);
        assertThat(percentile(latencies, 0.99)).as("p99 latency").isLessThanOrEqualTo(1_000_000);
        assertThat(liveSpread.p99()).as("p99 spread").isLessThanOrEqualTo(20_000);
    }

    /** Per sound heard by every receiver: each receiver's distance from the sound's median heard instant. */
    private record Spread(long p99, long worstRange, int clicks) {
        /** Clicks matched across receivers by nearness; a click some receiver did not play is left out. */
        static Spread of(Collection<List<Long>> clicksByReceiver) {
            List<List<Long>> all = List.copyOf(clicksByReceiver);
            List<List<Long>> heardByEveryone = new ArrayList<>();
            for (long reference : all.get(0)) {
                List<Long> instants = new ArrayList<>();
                for (List<Long> receiver : all) {
                    int match = nearest(receiver, reference);
                    if (match >= 0 && Math.abs(receiver.get(match) - reference) <= SAME_CLICK_MICROS) {
                        instants.add(receiver.get(match));
                    }
                }
                if (instants.size() == all.size()) {
                    heardByEveryone.add(instants);
                }
            }
            return ofSounds(heardByEveryone);
        }

        /** Per receiver, when it played each of the same samples, in the same order. */
        static Spread ofSameSamples(List<List<Long>> instantsByReceiver) {
            List<List<Long>> sounds = new ArrayList<>();
            for (int i = 0; i < instantsByReceiver.get(0).size(); i++) {
                int sample = i;
                sounds.add(instantsByReceiver.stream().map(r -> r.get(sample)).toList());
            }
            return ofSounds(sounds);
        }

        private static Spread ofSounds(List<List<Long>> sounds) {
            List<Long> deviations = new ArrayList<>();
            long worst = 0;
            for (List<Long> instants : sounds) {
                List<Long> sorted = instants.stream().sorted().toList();
                long median = sorted.get(sorted.size() / 2);
                sorted.forEach(at -> deviations.add(Math.abs(at - median)));
                worst = Math.max(worst, sorted.get(sorted.size() - 1) - sorted.get(0));
            }
            return new Spread(percentile(deviations, 0.99), worst, sounds.size());
        }
    }

    /**
     * The latency most heard clicks share with some glass click, to 5 ms: the clicks' gaps all differ, so only the
     * true latency lines up every click with its own.
     */
    private static long typicalLatency(List<Long> heard, List<Long> glass) {
        Map<Long, Integer> votes = new TreeMap<>();
        for (long h : heard) {
            for (long g : glass) {
                long latency = h - g;
                if (latency > 0 && latency < LONGEST_LATENCY_MICROS) {
                    votes.merge(latency / 5_000, 1, Integer::sum);
                }
            }
        }
        return votes.entrySet().stream()
                                .max(Map.Entry.comparingByValue())
                                .map(Map.Entry::getKey)
                                .orElse(0L)
                        * 5_000
                + 2_500;
    }

    /** The packet whose samples include {@code sample}, or -1. */
    private static int packetHolding(List<BrowserCapture.Packet> packets, long sample) {
        for (int i = packets.size() - 1; i >= 0; i--) {
            if (packets.get(i).firstSample() <= sample) {
                return sample - packets.get(i).firstSample() < OPUS_FRAME_SAMPLES ? i : -1;
            }
        }
        return -1;
    }

    private static long micros(long samples) {
        return samples * 1_000_000 / ClickTrack.RATE;
    }

    private static int nearest(List<Long> sorted, long value) {
        int best = -1;
        for (int i = 0; i < sorted.size(); i++) {
            if (best < 0 || Math.abs(sorted.get(i) - value) < Math.abs(sorted.get(best) - value)) {
                best = i;
            }
        }
        return best;
    }

    private static String lastOffset(AgentProcess agent) {
        Matcher offset = OFFSET.matcher(agent.log());
        String last = "none";
        while (offset.find()) {
            last = offset.group(1);
        }
        return last;
    }

    private long online(String area) {
        return QuarkusTransaction.requiringNew().call(() -> receivers.count("areaCode = ?1 and online = true", area));
    }

    private static long stillPlaying(JsonPath report) {
        return report.getList("deliveries.state", String.class).stream()
                .filter(state -> List.of("SCHEDULED", "DELIVERED", "DOWNLOADED", "PLAYING")
                        .contains(state))
                .count();
    }

    private static long sum(List<Integer> values) {
        return values.stream()
                .filter(v -> v != null)
                .mapToLong(Integer::longValue)
                .sum();
    }

    private static void operatorAccount(String area) {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "username", OPERATOR, "password", "operator-password", "role", "operator", "areaCode", area))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201);
    }

    private void login(WebDriver driver) {
        driver.get(base.toString().replaceAll("/$", "") + "/live");
        wait(driver, WAIT).until(ExpectedConditions.urlContains("/login.html"));
        driver.findElement(By.id("j_username")).sendKeys(OPERATOR);
        driver.findElement(By.id("j_password")).sendKeys("operator-password");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("nav a[href='/live']")));
        driver.get(base.toString().replaceAll("/$", "") + "/live");
    }

    private static void tick(WebDriver driver, String css) {
        ((JavascriptExecutor) driver)
                .executeScript(
                        "arguments[0].scrollIntoView({block: 'center'})", driver.findElement(By.cssSelector(css)));
        driver.findElement(By.cssSelector(css)).click();
    }

    private static WebDriverWait wait(WebDriver driver, Duration timeout) {
        return PageWait.upTo(driver, timeout);
    }

    private static Path emptyDirectory(Path directory) {
        try {
            if (Files.exists(directory)) {
                try (Stream<Path> files = Files.list(directory)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
            }
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    private static double ms(long micros) {
        return micros / 1e3;
    }

    private static long percentile(List<Long> values, double quantile) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.max(0, Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1)));
    }
}
