package vn.loaxa.delivery.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static vn.loaxa.support.Api.asAdmin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import vn.loaxa.delivery.model.DeliveryEventRepository;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.dispatch.protocol.AgentEvent;
import vn.loaxa.schedule.model.Occurrence;
import vn.loaxa.schedule.model.OccurrenceRepository;
import vn.loaxa.support.Api;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;
import vn.loaxa.support.TestMqttClient;
import vn.loaxa.web.Ui;

/**
 * A receiver that played on time while offline reports afterwards, from its outbox: its delivery, MISSED by the sweep
 * in the meantime, becomes what it reported, and the broadcast's counts, the plays report and its export count it as
 * played and reported late. A report from outside the window leaves MISSED as it is.
 */
@QuarkusTest
class LateTruthTest {
    private static final String LATE = "lt-rx-late";
    private static final String STARTED = "lt-rx-started";
    private static final String OUTSIDE = "lt-rx-outside";
    private static final String SILENT = "lt-rx-silent";

    @Inject
    MqttConfig config;

    @Inject
    EmbeddedBroker broker;

    @Inject
    ObjectMapper json;

    @Inject
    OccurrenceRepository occurrences;

    @Inject
    DeliveryEventRepository events;

    @Inject
    MeterRegistry registry;

    @Test
    void shouldTurnASweptMissedIntoPlayedWhenTheReceiverReportsAPlayInsideTheWindowLate() throws Exception {
        Fixtures.area("LT", "COMMUNE", null);
        List<String> secrets = new ArrayList<>();
        for (String rx : List.of(LATE, STARTED, OUTSIDE, SILENT)) {
            secrets.add(Fixtures.receiver(rx, "LT", List.of("vie")));
        }
        String mediaId = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("late", ".wav"), 1.5, 440, 0.2), "Tin muộn", "vie");
        String broadcastId = Fixtures.broadcast(
                Fixtures.bulletin(mediaId, "NORMAL"),
                List.of("LT"),
                List.of(),
                OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(30));
        await("dispatched")
                .atMost(Duration.ofSeconds(20))
                .until(() -> deliveries(broadcastId).getInt("total") == 4);

        // the air time goes by with every receiver offline: move the occurrence's window into the past
        OffsetDateTime playAt =
                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(3).truncatedTo(ChronoUnit.MILLIS);
        Occurrence occurrence = QuarkusTransaction.requiringNew().call(() -> {
            Occurrence o = occurrences.ofBroadcast(UUID.fromString(broadcastId)).get(0);
            o.playAt = playAt;
            o.expiresAt = playAt.plusMinutes(1);
            o.windowEnd = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(5);
            return o;
        });
        await("swept")
                .atMost(Duration.ofSeconds(20))
                .until(() -> deliveries(broadcastId).getInt("counts.MISSED") == 4);
        double overturnedBefore =
                registry.counter(EventIngestService.OVERTURNED_METER).count();

        // back online, each agent sends what its outbox held, with its own credentials
        Instant played = playAt.plusSeconds(2).toInstant();
        send(LATE, secrets.get(0), occurrence.id, "PLAYING", playAt.toInstant());
        send(LATE, secrets.get(0), occurrence.id, "PLAYED", played);
        send(
                STARTED,
                secrets.get(1),
                occurrence.id,
                "PLAYING",
                playAt.plusSeconds(1).toInstant());
        send(
                OUTSIDE,
                secrets.get(2),
                occurrence.id,
                "PLAYED",
                occurrence.windowEnd.plusSeconds(30).toInstant());

        await("late reports stored")
                .atMost(Duration.ofSeconds(20))
                .until(() ->
                        QuarkusTransaction.requiringNew().call(() -> events.count("occurrenceId", occurrence.id)) == 4);
        // a few sweeps later: the reported states hold, and nothing else moved
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath report = deliveries(broadcastId);
            assertThat(report.getInt("counts.PLAYED")).isEqualTo(1);
            assertThat(report.getInt("counts.PLAYING")).isEqualTo(1);
            assertThat(report.getInt("counts.MISSED")).isEqualTo(2);
            assertThat(report.getInt("reportedLate")).isEqualTo(2);
        });
        JsonPath report = deliveries(broadcastId);
        assertThat(report.getString("deliveries.find { it.receiverId == '" + LATE + "' }.state"))
                .isEqualTo("PLAYED");
        assertThat(report.getString("deliveries.find { it.receiverId == '" + LATE + "' }.reason"))
                .isNull();
        assertThat(Instant.parse(report.getString("deliveries.find { it.receiverId == '" + LATE + "' }.finishedAt")))
                .isEqualTo(played);
        assertThat(report.getString("deliveries.find { it.receiverId == '" + LATE + "' }.reportedLateAt"))
                .isNotNull();
        assertThat(report.getString("deliveries.find { it.receiverId == '" + OUTSIDE + "' }.state"))
                .isEqualTo("MISSED");
        assertThat(report.getString("deliveries.find { it.receiverId == '" + OUTSIDE + "' }.reportedLateAt"))
                .isNull();
        assertThat(registry.counter(EventIngestService.OVERTURNED_METER).count() - overturnedBefore)
                .isEqualTo(2);

        // the same report again (an agent re-sends until it is acknowledged) changes nothing
        send(LATE, secrets.get(0), occurrence.id, "PLAYED", played);
        await().pollDelay(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(deliveries(broadcastId).getInt("counts.PLAYED"))
                        .isEqualTo(1));
        assertThat(QuarkusTransaction.requiringNew().call(() -> events.count("occurrenceId", occurrence.id)))
                .isEqualTo(4);

        LocalDate today = playAt.atZoneSameInstant(Ui.ZONE).toLocalDate();
        String range = "?from=" + today + "&to=" + today + "&area=LT";
        JsonPath plays = asAdmin()
                .get("/api/v1/reports/plays" + range)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(plays.getLong("plays")).isEqualTo(1);
        assertThat(plays.getLong("reportedLate")).isEqualTo(1);
        assertThat(plays.getLong("seconds")).isEqualTo(2);
        assertThat(plays.getLong("byContent[0].reportedLate")).isEqualTo(1);

        String csv = new String(
                        asAdmin()
                                .get("/api/v1/reports/plays" + range + "&format=csv&lang=en")
                                .then()
                                .statusCode(200)
                                .extract()
                                .asByteArray(),
                        StandardCharsets.UTF_8)
                .replace("\uFEFF", "");
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
        assertThat(records)
                .anySatisfy(r ->
                        assertThat(r.values()).containsExactly("Key", "Name", "Plays", "Seconds", "Reported late"));
        assertThat(records)
                .filteredOn(r -> r.get(0).equals("Total"))
                .hasSize(4)
                .allSatisfy(r -> assertThat(List.of(r.get(2), r.get(4))).containsExactly("1", "1"));

        CookieFilter session = login();
        given().filter(session)
                .get("/broadcasts/" + broadcastId)
                .then()
                .statusCode(200)
                .body(containsString("id=\"count-reported-late\">2<"));
        given().filter(session).get("/reports" + range).then().statusCode(200).body(containsString("Báo muộn: 1"));
        given().filter(session)
                .accept("text/html")
                .get("/receivers/" + LATE)
                .then()
                .statusCode(200)
                .body(containsString("(Báo muộn)"));
    }

    private void send(String receiverId, String secret, UUID occurrenceId, String event, Instant at) throws Exception {
        Topics topics = new Topics(config.topicPrefix());
        String url = config.url().or(broker::url).orElseThrow();
        try (TestMqttClient agent = new TestMqttClient(url, receiverId, receiverId, secret)) {
            agent.publish(
                    topics.receiver(receiverId, Topics.Kind.EVENT),
                    json.writeValueAsString(new AgentEvent(
                            AgentEvent.SCHEMA,
                            AgentEvent.idFor(occurrenceId.toString(), receiverId, event)
                                    .toString(),
                            receiverId,
                            occurrenceId.toString(),
                            event,
                            at,
                            null)));
        }
    }

    private static JsonPath deliveries(String broadcastId) {
        return asAdmin()
                .get("/api/v1/broadcasts/" + broadcastId + "/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static CookieFilter login() {
        CookieFilter session = new CookieFilter();
        given().filter(session)
                .redirects()
                .follow(false)
                .formParam("j_username", Api.ADMIN)
                .formParam("j_password", Api.ADMIN_PASSWORD)
                .post("/j_security_check")
                .then()
                .statusCode(anyOf(is(302), is(303)));
        return session;
    }
}
