package vn.loaxa.delivery.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.delivery.service.EventIngestService;
import vn.loaxa.delivery.service.IncomingEvent;
import vn.loaxa.delivery.service.IngestConfig;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.MqttGateway;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.dispatch.protocol.AgentEvent;
import vn.loaxa.dispatch.protocol.HeartbeatMessage;
import vn.loaxa.dispatch.protocol.StatusMessage;
import vn.loaxa.support.Api;
import vn.loaxa.support.OnMessage;

/**
 * P1 and P2, and the same for presence (docs/performance.md). Runs only on demand, against PostgreSQL and
 * Mosquitto: {@code mvn -B test -Pexternal-stack -Dloaxa.perf=true -Dtest=IngestBenchmarkTest}. Prints figures;
 * the only assertions are that everything was stored.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "loaxa.perf", matches = "true")
@EnabledIfSystemProperty(named = "loaxa.it.stack", matches = "external")
class IngestBenchmarkTest {
    private static final List<DeliveryState> LIFE =
            List.of(DeliveryState.DELIVERED, DeliveryState.DOWNLOADED, DeliveryState.PLAYING, DeliveryState.PLAYED);
    private static final int RECEIVERS = 1000;
    /** QoS 1 messages a publisher may be ahead of its consumer: Mosquitto drops beyond max_queued_messages (1000). */
    private static final int WINDOW = 900;

    private static final String COLUMNS =
            "id, event_id, occurrence_id, receiver_id, event, occurred_at, received_at, play_at";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventIngestService ingest;

    @Inject
    IngestConfig ingestConfig;

    @Inject
    MqttConfig mqttConfig;

    @Inject
    EmbeddedBroker broker;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    private long copyIds = 1_000_000_000_000L;

    @Test
    void p1BatchedIngestionAgainstCopy() throws Exception {
        seedReceivers();
        List<IncomingEvent> warmup = events(occurrencesWithDeliveries(5));
        List<IncomingEvent> measured = events(occurrencesWithDeliveries(25));
        List<IncomingEvent> baseline = events(occurrencesWithDeliveries(25));
        ingestInBatches(warmup);
        copy(events(occurrencesWithDeliveries(5)));
        analyze();

        long copyStarted = System.nanoTime();
        copy(baseline);
        double copySeconds = (System.nanoTime() - copyStarted) / 1e9;

        long ingestStarted = System.nanoTime();
        ingestInBatches(measured);
        double ingestSeconds = (System.nanoTime() - ingestStarted) / 1e9;

        assertThat(storedEvents()).isEqualTo(warmup.size() + measured.size() + baseline.size() + 20L * RECEIVERS);
        System.out.printf(
                "P1: batched ingestion %d events in %.2f s = %.0f events/s; COPY %d rows in %.2f s = %.0f "
                        + "rows/s; ratio %.2f (target >= 0.5), batch size %d%n",
                measured.size(),
                ingestSeconds,
                measured.size() / ingestSeconds,
                baseline.size(),
                copySeconds,
                baseline.size() / copySeconds,
                copySeconds / ingestSeconds,
                ingestConfig.batchSize());
    }

    @Test
    void p2MqttToStoredEventsAgainstABareSubscriber() throws Exception {
        seedReceivers();
        List<IncomingEvent> measured = events(occurrencesWithDeliveries(12));
        String url = mqttConfig.url().or(broker::url).orElseThrow();
        Topics serverTopics = new Topics(mqttConfig.topicPrefix());
        Topics bareTopics = new Topics(mqttConfig.topicPrefix() + "-bare");

        AtomicInteger counted = new AtomicInteger();
        MqttAsyncClient bare = client(url, counted);
        bare.subscribe(bareTopics.sharedAllReceivers("bare", Topics.Kind.EVENT), 1)
                .waitForCompletion();
        long bareStarted = System.nanoTime();
        publishAll(url, bareTopics, measured, counted::get);
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> counted.get() >= measured.size());
        double bareSeconds = (System.nanoTime() - bareStarted) / 1e9;
        bare.disconnect().waitForCompletion();
        bare.close();

        long before = storedEvents();
        Counter received = registry.counter(MqttGateway.RECEIVED_METER);
        double receivedBefore = received.count();
        long serverStarted = System.nanoTime();
        publishAll(url, serverTopics, measured, () -> (int) (received.count() - receivedBefore));
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> storedEvents() - before >= measured.size());
        double serverSeconds = (System.nanoTime() - serverStarted) / 1e9;

        assertThat(storedEvents() - before).isEqualTo(measured.size());
        System.out.printf(
                "P2: MQTT to stored %d events in %.2f s = %.0f events/s; bare counting subscriber %.2f s = "
                        + "%.0f msg/s; ratio %.2f (target >= 0.8)%n",
                measured.size(),
                serverSeconds,
                measured.size() / serverSeconds,
                bareSeconds,
                measured.size() / bareSeconds,
                bareSeconds / serverSeconds);
    }

    private void ingestInBatches(List<IncomingEvent> events) {
        for (int from = 0; from < events.size(); from += ingestConfig.batchSize()) {
            ingest.ingestBatch(events.subList(from, Math.min(events.size(), from + ingestConfig.batchSize())));
        }
    }

    /** The baseline: the same rows as ingestion stores, through PostgreSQL's COPY in one transaction. */
    private void copy(List<IncomingEvent> events) throws SQLException, java.io.IOException {
        try (Connection connection = dataSource.getConnection()) {
            StringBuilder csv = new StringBuilder(events.size() * 160);
            long id = copyIds;
            copyIds += events.size();
            for (IncomingEvent e : events) {
                csv.append(id++)
                        .append(',')
                        .append(e.eventId())
                        .append(',')
                        .append(e.occurrenceId())
                        .append(',')
                        .append(e.receiverId())
                        .append(',')
                        .append(e.event())
                        .append(',')
                        .append(e.at())
                        .append(',')
                        .append(e.receivedAt())
                        .append(',')
                        // stands in for the occurrence's play time: a value of the same month
                        .append(e.at())
                        .append('\n');
            }
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "COPY delivery_event (" + COLUMNS + ") FROM STDIN (FORMAT csv)",
                            new StringReader(csv.toString()));
        }
    }

    private void analyze() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement s = connection.createStatement()) {
            s.execute("analyze delivery");
            s.execute("analyze delivery_event");
            s.execute("analyze occurrence");
        }
    }

    /**
     * Presence after a broker restart: every receiver of the fleet reports its status and a heartbeat, over and
     * again (online, then its Will, then online: {@link #PRESENCE_ROUNDS} rounds), to the server and, as the
     * like-for-like baseline, to a bare subscriber of the same topics that only counts. The server's time ends when
     * the last round is stored for every receiver.
     */
    @Test
    void presenceMqttToStoredAgainstABareSubscriber() throws Exception {
        seedReceivers();
        String url = mqttConfig.url().or(broker::url).orElseThrow();
        Topics bareTopics = new Topics(mqttConfig.topicPrefix() + "-bare");
        List<Outgoing> bareMessages = presence(bareTopics);

        AtomicInteger counted = new AtomicInteger();
        MqttAsyncClient bare = client(url, counted);
        bare.subscribe(
                        new String[] {
                            bareTopics.sharedAllReceivers("bare", Topics.Kind.STATUS),
                            bareTopics.sharedAllReceivers("bare", Topics.Kind.HEARTBEAT)
                        },
                        new int[] {1, 1})
                .waitForCompletion();
        long bareStarted = System.nanoTime();
        publish(url, bareMessages, counted::get);
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> counted.get() >= bareMessages.size());
        double bareSeconds = (System.nanoTime() - bareStarted) / 1e9;
        bare.disconnect().waitForCompletion();
        bare.close();

        List<Outgoing> messages = presence(new Topics(mqttConfig.topicPrefix()));
        Counter received = registry.counter(MqttGateway.RECEIVED_METER);
        double receivedBefore = received.count();
        long serverStarted = System.nanoTime();
        publish(url, messages, () -> (int) (received.count() - receivedBefore));
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> lastRoundStored() == RECEIVERS);
        double serverSeconds = (System.nanoTime() - serverStarted) / 1e9;

        System.out.printf(
                "Presence: MQTT to stored %d status reports and heartbeats of %d receivers in %.2f s = %.0f/s; bare"
                        + " counting subscriber %.2f s = %.0f msg/s; ratio %.2f%n",
                messages.size(),
                RECEIVERS,
                serverSeconds,
                messages.size() / serverSeconds,
                bareSeconds,
                messages.size() / bareSeconds,
                bareSeconds / serverSeconds);
    }

    private static final int PRESENCE_ROUNDS = 5;

    /** Per round and receiver a heartbeat, then its status: online in even rounds, its Will in odd ones. */
    private List<Outgoing> presence(Topics topics) throws Exception {
        List<Outgoing> messages = new ArrayList<>();
        Instant base = Instant.now();
        for (int round = 0; round < PRESENCE_ROUNDS; round++) {
            for (int i = 0; i < RECEIVERS; i++) {
                String rx = receiverId(i);
                messages.add(new Outgoing(
                        topics.receiver(rx, Topics.Kind.HEARTBEAT),
                        json.writeValueAsBytes(new HeartbeatMessage(
                                HeartbeatMessage.SCHEMA,
                                rx,
                                base.plusSeconds(round),
                                "bench",
                                (long) round,
                                80,
                                false,
                                1_000_000L,
                                0L,
                                true,
                                null,
                                0L,
                                0L,
                                0L,
                                null))));
                messages.add(new Outgoing(
                        topics.receiver(rx, Topics.Kind.STATUS),
                        json.writeValueAsBytes(new StatusMessage(
                                StatusMessage.SCHEMA, rx, round % 2 == 0, base.plusSeconds(round), "bench"))));
            }
        }
        return messages;
    }

    private long lastRoundStored() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement s = connection.createStatement()) {
            return count(
                    s,
                    "select count(*) from receiver where id like 'bench-%' and online and uptime_seconds = "
                            + (PRESENCE_ROUNDS - 1));
        }
    }

    private void seedReceivers() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement s = connection.createStatement()) {
            if (count(s, "select count(*) from receiver where id like 'bench-%'") > 0) {
                return;
            }
            s.execute("insert into area (code, name, kind, path) values ('BENCH', 'Bench', 'COMMUNE', '/BENCH/')");
            try (PreparedStatement rx = connection.prepareStatement("insert into receiver (id, display_name, area_code,"
                    + " secret_hash, online, created_at) values (?, ?, 'BENCH', 'x', false, now())")) {
                for (int i = 0; i < RECEIVERS; i++) {
                    rx.setString(1, receiverId(i));
                    rx.setString(2, receiverId(i));
                    rx.addBatch();
                }
                rx.executeBatch();
            }
            s.execute("insert into media (id, title, language, status, created_by, created_at) values"
                    + " ('00000000-0000-0000-0000-00000000be01', 'Bench', 'vie', 'READY', 'bench', now())");
            s.execute("insert into bulletin (id, title, topic, priority, created_by, created_at) values"
                    + " ('00000000-0000-0000-0000-00000000be02', 'Bench', 'bench', 'NORMAL', 'bench', now())");
            s.execute("insert into broadcast (id, bulletin_id, start_at, created_by, created_at) values"
                    + " ('00000000-0000-0000-0000-00000000be03', '00000000-0000-0000-0000-00000000be02',"
                    + " now() + interval '1 day', 'bench', now())");
        }
    }

    private List<UUID> occurrencesWithDeliveries(int count) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement occurrence = connection.prepareStatement("insert into occurrence (id, broadcast_id,"
                        + " play_at, expires_at, window_end, media_id) values (?, '00000000-0000-0000-0000-00000000be03',"
                        + " now() + interval '1 day', now() + interval '1 day', now() + interval '1 day',"
                        + " '00000000-0000-0000-0000-00000000be01')");
                PreparedStatement delivery = connection.prepareStatement("insert into delivery (id, occurrence_id,"
                        + " receiver_id, state, state_rank, updated_at, version) values (nextval('delivery_seq'), ?, ?,"
                        + " 'SCHEDULED', 0, now(), 0)")) {
            for (int o = 0; o < count; o++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                occurrence.setObject(1, id);
                occurrence.executeUpdate();
                for (int i = 0; i < RECEIVERS; i++) {
                    delivery.setObject(1, id);
                    delivery.setString(2, receiverId(i));
                    delivery.addBatch();
                }
                delivery.executeBatch();
            }
        }
        return ids;
    }

    /** Four events per delivery, in the order a fleet reports them: everyone's DELIVERED first, and so on. */
    private static List<IncomingEvent> events(List<UUID> occurrences) {
        List<IncomingEvent> events = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (UUID occurrence : occurrences) {
            for (DeliveryState state : LIFE) {
                for (int i = 0; i < RECEIVERS; i++) {
                    events.add(new IncomingEvent(
                            AgentEvent.idFor(occurrence.toString(), receiverId(i), state.name()),
                            occurrence,
                            receiverId(i),
                            state,
                            now.plusSeconds(state.ordinal()),
                            null,
                            now));
                }
            }
        }
        return events;
    }

    private void publishAll(String url, Topics topics, List<IncomingEvent> events, IntSupplier consumed)
            throws Exception {
        List<Outgoing> messages = new ArrayList<>(events.size());
        for (IncomingEvent e : events) {
            messages.add(new Outgoing(
                    topics.receiver(e.receiverId(), Topics.Kind.EVENT),
                    json.writeValueAsBytes(new AgentEvent(
                            AgentEvent.SCHEMA,
                            e.eventId().toString(),
                            e.receiverId(),
                            e.occurrenceId().toString(),
                            e.event().name(),
                            Instant.now(),
                            null))));
        }
        publish(url, messages, consumed);
    }

    private record Outgoing(String topic, byte[] payload) {}

    /** Publishes at QoS 1 as fast as the consumer keeps up, never more than {@link #WINDOW} ahead of it. */
    private static void publish(String url, List<Outgoing> messages, IntSupplier consumed) throws Exception {
        MqttAsyncClient publisher = new MqttAsyncClient(url, "bench-pub-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(Api.MQTT_USER);
        options.setPassword(Api.MQTT_PASSWORD.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        options.setReceiveMaximum(65535);
        publisher.connect(options).waitForCompletion();
        List<IMqttToken> tokens = new ArrayList<>();
        int published = 0;
        for (Outgoing outgoing : messages) {
            while (published - consumed.getAsInt() > WINDOW) {
                LockSupport.parkNanos(50_000);
            }
            published++;
            MqttMessage message = new MqttMessage(outgoing.payload(), 1, false, new MqttProperties());
            while (true) {
                try {
                    tokens.add(publisher.publish(outgoing.topic(), message));
                    break;
                } catch (MqttException full) {
                    tokens.get(tokens.size() - 1).waitForCompletion();
                }
            }
        }
        for (IMqttToken token : tokens) {
            token.waitForCompletion();
        }
        publisher.disconnect().waitForCompletion();
        publisher.close();
    }

    private static MqttAsyncClient client(String url, AtomicInteger counted) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, "bench-bare-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new OnMessage() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                counted.incrementAndGet();
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(Api.MQTT_USER);
        options.setPassword(Api.MQTT_PASSWORD.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        options.setReceiveMaximum(1000);
        client.connect(options).waitForCompletion();
        return client;
    }

    private long storedEvents() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement s = connection.createStatement()) {
            return count(s, "select count(*) from delivery_event");
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String receiverId(int i) {
        return "bench-" + i;
    }
}
