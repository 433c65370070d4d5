package vn.loaxa.dispatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import vn.loaxa.account.service.Passwords;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.broker.ReceiverLogins;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.dispatch.service.CatchUpService;
import vn.loaxa.dispatch.service.DispatchService;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.ReceiverBulk;
import vn.loaxa.support.StackResource;
import vn.loaxa.support.TestAudio;

/**
 * Issue 17: one server and a fleet of {@code -Dloaxa.bench.receivers} (default 10,000) simulated receivers, each
 * logging in with its own secret (kept as the server keeps it, a PBKDF2 hash; with {@code
 * -Dloaxa.bench.legacy-hashes=true} a bcrypt hash, as for receivers provisioned before that hash was checked, which
 * each receiver's first login replaces), all in one {@code --simulate} process on the shared event loop. Measures, in
 * order: the first connect storm; on the embedded broker, the reconnect storm after a broker restart, once with the
 * server's remembered logins (the broker alone restarted) and once without (as after a server restart, every login
 * checked against the database); P4 counted by the receivers themselves (trigger fired until the last
 * receiver's own DELIVERED instant); the confirmation wave of one broadcast (4 events a receiver, first event to last
 * stored) against a bare subscriber counting the same messages; and the overview page, its fragments and 50 open
 * live pages. Every phase also reports this JVM's heap, threads and CPU. Runs only on demand, after building the
 * agent jar: {@code mvn -B test -Dloaxa.perf=true -Dtest=FleetBenchmarkTest -Dloaxa.bench.receivers=200}
 * (add {@code -Pexternal-stack} for PostgreSQL and Mosquitto).
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "loaxa.perf", matches = "true")
class FleetBenchmarkTest {
    private static final int RECEIVERS = Integer.getInteger("loaxa.bench.receivers", 10_000);
    private static final boolean LEGACY_HASHES = Boolean.getBoolean("loaxa.bench.legacy-hashes");
    /** {@code -Dloaxa.bench.restarts=false} leaves out the two broker restarts. */
    private static final boolean RESTARTS = Boolean.parseBoolean(System.getProperty("loaxa.bench.restarts", "true"));

    private static final int OPEN_PAGES = Integer.getInteger("loaxa.bench.pages", 50);
    private static final Duration PAGES_WINDOW = Duration.ofSeconds(Long.getLong("loaxa.bench.pages-seconds", 20));
    /** From creating the wave's broadcast to its play time: room for every receiver to have the entry. */
    private static final Duration WAVE_LEAD =
            Duration.ofSeconds(Long.getLong("loaxa.bench.wave-lead-seconds", 30 + RECEIVERS * 6L / 1000));

    private static final Duration STORM_LIMIT = Duration.ofMinutes(30);
    private static final Duration EVENTS_LIMIT = Duration.ofMinutes(20);
    private static final double CLIP_SECONDS = 2;
    private static final String SECRET_BASE = "fleet-bench";
    private static final String AREA = "FLC";
    private static final List<String> ALL_KINDS = List.of("DELIVERED", "DOWNLOADED", "PLAYING", "PLAYED");
    private static final List<String> PLAY_KINDS = List.of("PLAYING", "PLAYED");

    @Inject
    MqttConfig mqtt;

    @Inject
    EmbeddedBroker broker;

    @Inject
    ReceiverLogins logins;

    @Inject
    ReceiverBulk bulk;

    @Inject
    Passwords passwords;

    @Inject
    DispatchService dispatch;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "loaxa.public-base-url")
    String serverUrl;

    @ConfigProperty(name = "loaxa.data-dir")
    Path dataDir;

    private final List<String> figures = new ArrayList<>();

    @Test
    void measureAFleetOfSimulatedReceiversOnOneServer() throws Exception {
        Fixtures.area("FL", "PROVINCE", null);
        Fixtures.area(AREA, "COMMUNE", "FL");
        createReceivers();
        String bulletin = Fixtures.bulletin(
                Fixtures.uploadReadyMedia(
                        TestAudio.sineWav(Files.createTempFile("fleet", ".wav"), CLIP_SECONDS, 440, 0.2),
                        "Fleet",
                        "vie"),
                "NORMAL");
        String url = mqtt.url().or(broker::url).orElseThrow();
        List<String> keys = RestAssured.get("/api/v1/signing-keys")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("publicKey", String.class);
        note(
                "fleet of %d simulated receivers, %s stack, load average %.1f at the start",
                RECEIVERS,
                StackResource.external() ? "external (PostgreSQL, Mosquitto)" : "embedded (H2, HiveMQ)",
                loadAverage());
        try (SimulatedFleet fleet = SimulatedFleet.start(
                RECEIVERS, SECRET_BASE, url, serverUrl, mqtt.topicPrefix(), keys, dataDir.resolve("fleet-bench"))) {
            firstConnect(fleet);
            if (!RESTARTS) {
                note("broker restarts: left out (-Dloaxa.bench.restarts=false)");
            } else if (broker.active()) {
                reconnectAfterBrokerRestart(fleet, "remembered logins (broker alone restarted)", false);
                reconnectAfterBrokerRestart(fleet, "no remembered login (as after a server restart)", true);
            } else {
                note("broker restart: not measured on the external stack (the machine's Mosquitto is shared)");
            }
            p4(bulletin);
            confirmationWave(bulletin, url);
            overview();
            note("catch-up requests over the whole run: %s", catchUpRequests());
            assertThat(fleet.alive()).as(fleet::logTail).isTrue();
        } finally {
            System.out.println("=== Fleet benchmark (issue 17) ===");
            figures.forEach(System.out::println);
        }
    }

    /** sim-00001… with the secrets the simulator derives from its base, hashed as the server does. */
    private void createReceivers() {
        long start = System.nanoTime();
        Map<String, String> hashes = new LinkedHashMap<>();
        IntStream.rangeClosed(1, RECEIVERS)
                .parallel()
                .mapToObj(i -> {
                    String secret = SimulatedFleet.secret(SECRET_BASE, i);
                    return Map.entry(
                            SimulatedFleet.receiverId(i),
                            LEGACY_HASHES ? passwords.hash(secret) : passwords.brokerHash(secret));
                })
                .toList()
                .forEach(e -> hashes.put(e.getKey(), e.getValue()));
        if (LEGACY_HASHES) {
            bulk.createLegacy(AREA, hashes);
        } else {
            bulk.create(AREA, hashes);
        }
        note("set-up: %d receivers with %s secret hashes in %.1f s", RECEIVERS, hashKind(), seconds(start));
    }

    private static String hashKind() {
        return LEGACY_HASHES ? "bcrypt (legacy)" : "PBKDF2";
    }

    private void firstConnect(SimulatedFleet fleet) {
        try (ServerLoad load = ServerLoad.measure()) {
            Map<String, Long> asked = catchUpRequests();
            Instant lastConnected = awaitAllConnected("connected", fleet, 0);
            awaitAll("online in the server's records", fleet, this::onlineInDatabase);
            note(
                    "connect storm, first start (every login a %s check): all %d connected %.1f s after the "
                            + "simulator started (by their own logs), all online in the server's records after "
                            + "%.1f s; failed attempts %s; catch-up requests %s; %s",
                    LEGACY_HASHES ? "bcrypt" : "PBKDF2",
                    RECEIVERS,
                    Duration.between(fleet.startedAt(), lastConnected).toMillis() / 1000.0,
                    seconds(fleet.startedAt()),
                    fleet.connectFailuresSince(0),
                    catchUpRequestsSince(asked),
                    load.summary());
        }
    }

    private void reconnectAfterBrokerRestart(SimulatedFleet fleet, String logins, boolean forget) {
        try (ServerLoad load = ServerLoad.measure()) {
            int mark = fleet.logLines();
            long logMark = fleet.logSize();
            Map<String, Long> asked = catchUpRequests();
            long start = System.nanoTime();
            if (forget) {
                this.logins.forgetAll();
            }
            broker.restart();
            double restart = seconds(start);
            Instant up = Instant.now();
            Instant lastConnected = awaitAllConnected("connected again", fleet, logMark);
            note(
                    "connect storm after a broker restart, %s: broker stopped and started in %.1f s, then all %d "
                            + "connected again %.1f s later (by their own logs); failed attempts %s; catch-up "
                            + "requests so far %s; %s",
                    logins,
                    restart,
                    RECEIVERS,
                    Duration.between(up, lastConnected).toMillis() / 1000.0,
                    fleet.connectFailuresSince(mark),
                    catchUpRequestsSince(asked),
                    load.summary());
        }
    }

    /** Waits until every receiver logged a connection after {@code mark}; returns the instant of the last one. */
    private Instant awaitAllConnected(String what, SimulatedFleet fleet, long mark) {
        AtomicReference<Map<String, Instant>> connected = new AtomicReference<>(Map.of());
        await(what).atMost(STORM_LIMIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(fleet.alive())
                    .as(() -> "simulator exited:\n" + fleet.logTail())
                    .isTrue();
            connected.set(fleet.connectedSince(mark));
            assertThat(connected.get().size()).as(what).isEqualTo(RECEIVERS);
        });
        return Collections.max(connected.get().values());
    }

    /** The catch-up requests the server has taken in so far, by outcome (queued, throttled, overloaded). */
    private Map<String, Long> catchUpRequests() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        registry.find(CatchUpService.REQUESTS_METER)
                .counters()
                .forEach(c -> counts.put(c.getId().getTag("outcome"), (long) c.count()));
        return counts;
    }

    private Map<String, Long> catchUpRequestsSince(Map<String, Long> before) {
        Map<String, Long> since = new java.util.TreeMap<>();
        catchUpRequests().forEach((outcome, n) -> since.put(outcome, n - before.getOrDefault(outcome, 0L)));
        return since;
    }

    private void awaitAll(String what, SimulatedFleet fleet, IntSupplier count) {
        await(what).atMost(STORM_LIMIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(fleet.alive())
                    .as(() -> "simulator exited:\n" + fleet.logTail())
                    .isTrue();
            assertThat(count.getAsInt()).as(what).isEqualTo(RECEIVERS);
        });
    }

    /**
     * P4 at fleet size: from {@link DispatchService#dispatch} (as DispatchBenchmarkTest fires it, for an occurrence
     * beyond the dispatch horizon) until the last receiver holds the entry, by each receiver's own DELIVERED instant
     * (stamped when it stored the entry, on its clock corrected by the offset it measured from the server).
     */
    private void p4(String bulletin) throws SQLException {
        try (ServerLoad load = ServerLoad.measure()) {
            String occurrence = broadcast(
                            bulletin, OffsetDateTime.now(ZoneOffset.UTC).plusHours(30))
                    .getString("occurrences[0].id");
            Instant fired = Instant.now();
            dispatch.dispatch(UUID.fromString(occurrence));
            double dispatched = seconds(fired);
            awaitEvents(occurrence, "DELIVERED", RECEIVERS);
            List<Long> millis = new ArrayList<>();
            for (Instant at : eventTimes(occurrence, "DELIVERED", "occurred_at")) {
                millis.add(Duration.between(fired, at).toMillis());
            }
            millis.sort(Long::compare);
            note(
                    "P4 counted by the receivers: trigger fired -> the %dth receiver holds the entry %d ms (median "
                            + "receiver %d ms, p99 %d ms; dispatch call returned after %.0f ms); largest clock offset "
                            + "a receiver reported %s ms; %s",
                    RECEIVERS,
                    millis.get(millis.size() - 1),
                    millis.get(millis.size() / 2),
                    millis.get((int) Math.min(millis.size() - 1, Math.ceil(millis.size() * 0.99) - 1)),
                    dispatched * 1000,
                    largestClockOffset(),
                    load.summary());
            long start = System.nanoTime();
            awaitEvents(occurrence, "DOWNLOADED", RECEIVERS);
            note("(after P4: every receiver reported DOWNLOADED for it %.1f s later)", seconds(start));
        }
    }

    /**
     * A broadcast that plays: each receiver reports DELIVERED, DOWNLOADED, PLAYING and PLAYED. The server's time runs
     * from the first event it received to the moment the last was stored (polled every 50 ms); the bare subscriber's
     * from the first to the last of the same messages it counted. P2's ratio is bare time over server time.
     */
    private void confirmationWave(String bulletin, String url) throws Exception {
        // subscribed after the broker restarts, which a client without a reconnect of its own would not survive
        try (BareEventCounter bare = new BareEventCounter(url, new Topics(mqtt.topicPrefix()));
                ServerLoad load = ServerLoad.measure()) {
            OffsetDateTime playAt = OffsetDateTime.now(ZoneOffset.UTC).plus(WAVE_LEAD);
            String occurrence = broadcast(bulletin, playAt).getString("occurrences[0].id");
            int expected = ALL_KINDS.size() * RECEIVERS;
            await("the wave's events stored")
                    .atMost(WAVE_LEAD.plus(EVENTS_LIMIT))
                    .pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(countEvents(occurrence, null))
                            .as(() -> "events stored " + eventsByKind(occurrence))
                            .isGreaterThanOrEqualTo(expected));
            Instant lastStored = Instant.now();
            await("the bare subscriber's count")
                    .atMost(Duration.ofMinutes(2))
                    .until(() -> bare.counted(occurrence, ALL_KINDS) >= expected);
            Instant clipEnd = playAt.toInstant().plusMillis((long) (CLIP_SECONDS * 1000));
            note(
                    "confirmation wave: %s stored, the last %.1f s after the clip ended everywhere; %s",
                    eventsByKind(occurrence),
                    Duration.between(clipEnd, lastStored).toMillis() / 1000.0,
                    load.summary());
            waveAgainstBare("whole wave", occurrence, ALL_KINDS, lastStored, bare);
            waveAgainstBare("play burst", occurrence, PLAY_KINDS, lastStored, bare);
        }
    }

    /**
     * The server's time for the events of these kinds, from the first it received to the last stored, against the
     * bare subscriber's first to last of the same messages: P2's ratio is the bare time over the server's.
     */
    private void waveAgainstBare(
            String what, String occurrence, List<String> kinds, Instant lastStored, BareEventCounter bare)
            throws SQLException {
        Instant firstReceived = kinds.stream()
                .map(kind -> uncheckedFirst(occurrence, kind))
                .min(Instant::compareTo)
                .orElseThrow();
        double serverSeconds = Duration.between(firstReceived, lastStored).toMillis() / 1000.0;
        double bareSeconds = bare.spanSeconds(occurrence, kinds);
        int events = bare.counted(occurrence, kinds);
        note(
                "%s (%s, %d events): first received -> last stored %.2f s (%.0f events/s); bare subscriber, first -> "
                        + "last of the same messages %.2f s (%.0f msg/s); P2 ratio %.2f",
                what,
                String.join(", ", kinds),
                events,
                serverSeconds,
                events / serverSeconds,
                bareSeconds,
                events / bareSeconds,
                bareSeconds / serverSeconds);
    }

    private Instant uncheckedFirst(String occurrence, String kind) {
        try {
            return eventTimes(occurrence, kind, "received_at").get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The overview with the whole fleet: page and fragment response times, then {@link #OPEN_PAGES} live pages. */
    private void overview() throws SQLException {
        try (OverviewPages pages = new OverviewPages()) {
            note(
                    "overview, GET as a logged-in admin, median of 5 after one warm-up: %s %.0f ms, %s %.0f ms; "
                            + "%s first event %.0f ms",
                    OverviewPages.PAGE,
                    medianMillis(() -> pages.getMillis(OverviewPages.PAGE)),
                    OverviewPages.TODAY,
                    medianMillis(() -> pages.getMillis(OverviewPages.TODAY)),
                    OverviewPages.LIVE,
                    pages.openLive());
            DatabaseActivity idle = DatabaseActivity.measure(dataSource);
            try (ServerLoad load = ServerLoad.measure()) {
                await().atMost(PAGES_WINDOW.plusSeconds(5))
                        .pollDelay(PAGES_WINDOW)
                        .until(() -> true);
                note("one open live page, %d s: %s; %s", PAGES_WINDOW.toSeconds(), idle.summary(), load.summary());
            }
            for (int page = 1; page < OPEN_PAGES; page++) {
                pages.openLive();
            }
            int eventsBefore = pages.events();
            long charsBefore = pages.eventChars();
            DatabaseActivity busy = DatabaseActivity.measure(dataSource);
            try (ServerLoad load = ServerLoad.measure()) {
                await().atMost(PAGES_WINDOW.plusSeconds(5))
                        .pollDelay(PAGES_WINDOW)
                        .until(() -> true);
                int events = pages.events() - eventsBefore;
                note(
                        "%d open live pages, %d s: %.1f events/s received in all (%.0f KiB each); %s; %s",
                        OPEN_PAGES,
                        PAGES_WINDOW.toSeconds(),
                        events / (double) PAGES_WINDOW.toSeconds(),
                        events == 0 ? 0 : (pages.eventChars() - charsBefore) / 1024.0 / events,
                        busy.summary(),
                        load.summary());
            }
        }
    }

    /** The median of 5 requests after one warm-up. */
    private static double medianMillis(java.util.function.DoubleSupplier request) {
        double[] millis = IntStream.range(0, 6)
                .mapToDouble(i -> request.getAsDouble())
                .skip(1)
                .sorted()
                .toArray();
        return millis[2];
    }

    private io.restassured.path.json.JsonPath broadcast(String bulletin, OffsetDateTime startAt) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "bulletinId",
                        bulletin,
                        "allowOverlap",
                        true,
                        "startAt",
                        startAt.toString(),
                        "targets",
                        Map.of("areas", List.of(AREA))))
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private void awaitEvents(String occurrence, String kind, int count) {
        await(kind + " from every receiver")
                .atMost(EVENTS_LIMIT)
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(countEvents(occurrence, kind))
                        .as(() -> kind + " stored " + eventsByKind(occurrence))
                        .isEqualTo(count));
    }

    private int countEvents(String occurrence, String kind) throws SQLException {
        String sql =
                "select count(*) from delivery_event where occurrence_id = ?" + (kind == null ? "" : " and event = ?");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(occurrence));
            if (kind != null) {
                s.setString(2, kind);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private Map<String, Integer> eventsByKind(String occurrence) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select event, count(*) from delivery_event"
                        + " where occurrence_id = ? group by event order by min(occurred_at)")) {
            s.setObject(1, UUID.fromString(occurrence));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    /** The {@code column} instants of the occurrence's events (of one kind, or all), earliest first. */
    private List<Instant> eventTimes(String occurrence, String kind, String column) throws SQLException {
        List<Instant> times = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select " + column + " from delivery_event where "
                        + "occurrence_id = ?" + (kind == null ? "" : " and event = ?") + " order by " + column)) {
            s.setObject(1, UUID.fromString(occurrence));
            if (kind != null) {
                s.setString(2, kind);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    times.add(r.getObject(1, OffsetDateTime.class).toInstant());
                }
            }
        }
        return times;
    }

    private int onlineInDatabase() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("select count(*) from receiver where online and id like 'sim-%'");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String largestClockOffset() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("select max(abs(clock_offset_ms)) from receiver where id like 'sim-%'");
                ResultSet r = s.executeQuery()) {
            r.next();
            long offset = r.getLong(1);
            return r.wasNull() ? "(none reported)" : String.valueOf(offset);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double seconds(Instant start) {
        return Duration.between(start, Instant.now()).toNanos() / 1e9;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private void note(String format, Object... args) {
        String line = format.formatted(args);
        figures.add(line);
        System.out.println("FLEET " + line);
    }
}
