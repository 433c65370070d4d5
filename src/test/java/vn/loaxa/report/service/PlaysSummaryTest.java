package vn.loaxa.report.service;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.delivery.service.EventIngestService;
import vn.loaxa.delivery.service.IncomingEvent;
import vn.loaxa.report.api.PlaysReport;
import vn.loaxa.report.api.PlaysReport.Line;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.TestAudio;
import vn.loaxa.web.Ui;

/**
 * The plays report read from the summary of closed days gives what it gives from the deliveries, per-language
 * airtime by segment included; and a receiver's late report for a summarised day counts at once (the day is read
 * from the deliveries while dirty) and after the summary catches up; so does a receiver's move to another area.
 */
@QuarkusTest
class PlaysSummaryTest {
    private static final LocalDate TODAY = LocalDate.now(Ui.ZONE);
    private static final LocalDate D1 = TODAY.minusDays(3);
    private static final LocalDate D2 = TODAY.minusDays(2);
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
    /** Far beyond what the sequence hands out in a test run, and apart from PlaysReportRowsTest's. */
    private static final AtomicLong DELIVERY_IDS = new AtomicLong(2_100_000_000L);

    private static UUID bilingual;
    private static UUID variantMedia;

    @Inject
    EntityManager em;

    @Inject
    PlaysReports reports;

    @Inject
    PlaysSummary summary;

    @Inject
    PlaysSummaryDays days;

    @Inject
    EventIngestService ingest;

    @BeforeEach
    void seed() throws Exception {
        if (bilingual != null) {
            return;
        }
        Fixtures.area("PSU", "Tỉnh Tổng Hợp", "PROVINCE", null);
        Fixtures.area("PSU-C", "Xã Tổng Hợp", "COMMUNE", "PSU");
        Fixtures.receiver("psu-rx1", "PSU-C", List.of("vie", "tyz"));
        Fixtures.receiver("psu-rx2", "PSU-C", List.of("vie", "tyz"));
        String vie5 = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("psu-vie", ".wav"), 5, 440, 0.2), "Tin 5 giây", "vie");
        String tay3 = Fixtures.uploadReadyMedia(
                TestAudio.sineWav(Files.createTempFile("psu-tyz", ".wav"), 3, 660, 0.2), "Tin 3 giây", "tyz");
        UUID bulletin = UUID.fromString(
                Fixtures.approvedBulletin("Bản tin tổng hợp", List.of(List.of(vie5, "vie"), List.of(tay3, "tyz"))));
        variantMedia = UUID.randomUUID();
        OffsetDateTime created = D1.minusDays(5).atStartOfDay().atOffset(VIETNAM);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into media (id, title, language, status, duration_ms, created_by, created_at)"
                            + " values (?1, 'Bản tin tổng hợp [vie, tyz]', 'vie', 'READY', 8000, 'test', ?2)")
                    .setParameter(1, variantMedia)
                    .setParameter(2, created)
                    .executeUpdate();
            em.createNativeQuery("insert into bulletin_variant (bulletin_id, languages, media_id, created_at)"
                            + " values (?1, 'vie,tyz', ?2, ?3)")
                    .setParameter(1, bulletin)
                    .setParameter(2, variantMedia)
                    .setParameter(3, created)
                    .executeUpdate();
            bilingual = UUID.randomUUID();
            em.createNativeQuery("insert into broadcast (id, bulletin_id, start_at, created_by, created_at, test_mode)"
                            + " values (?1, ?2, ?3, 'test', ?3, false)")
                    .setParameter(1, bilingual)
                    .setParameter(2, bulletin)
                    .setParameter(3, created)
                    .executeUpdate();
        });
    }

    @AfterEach
    void forgetTheSummary() {
        // other tests write past days' deliveries directly, which no summarised day may hide
        summary.clear();
    }

    @Test
    void shouldReadTheSameReportFromTheSummaryAsFromTheDeliveries() {
        OffsetDateTime morning = D1.atTime(7, 0).atOffset(VIETNAM);
        UUID occurrence = occurrence(morning);
        delivery(occurrence, "psu-rx1", "PLAYED", morning, morning.plusSeconds(8));
        delivery(occurrence, "psu-rx2", "PLAYED", null, null);
        PlaysReport fromDeliveries = reports.plays(D1, TODAY, "PSU");

        assertThat(summary.catchUp(OffsetDateTime.now())).contains(D1, D2).doesNotContain(TODAY);
        assertThat(QuarkusTransaction.requiringNew().call(() -> days.readable(D1, TODAY)))
                .contains(D1, D2)
                .doesNotContain(TODAY);
        PlaysReport fromSummary = reports.plays(D1, TODAY, "PSU");

        assertThat(fromSummary).isEqualTo(fromDeliveries);
        assertThat(fromSummary.plays()).isEqualTo(2);
        assertThat(fromSummary.byLanguage())
                .as("two plays of the [vie, tyz] variant: 5 s of Vietnamese and 3 s of Tày each")
                .containsExactly(new Line("tyz", "tyz", 2, 6, 0), new Line("vie", "vie", 2, 10, 0));
        assertThat(summary.catchUp(OffsetDateTime.now()))
                .as("nothing left to summarise")
                .isEmpty();
    }

    @Test
    void shouldCountALateReportForASummarisedDayOnceTheSummaryCatchesUp() {
        OffsetDateTime evening = D2.atTime(19, 0).atOffset(VIETNAM);
        UUID occurrence = occurrence(evening);
        delivery(occurrence, "psu-rx1", "PLAYED", evening, evening.plusSeconds(8));
        delivery(occurrence, "psu-rx2", "MISSED", null, null);
        summary.catchUp(OffsetDateTime.now());
        assertThat(reports.plays(D2, D2, "PSU").plays()).isEqualTo(1);

        // the receiver played on time while offline and reports on reconnecting
        OffsetDateTime played = evening.plusSeconds(1);
        assertThat(ingest.ingestBatch(List.of(
                        event(occurrence, DeliveryState.PLAYING, played),
                        event(occurrence, DeliveryState.PLAYED, played.plusSeconds(8)))))
                .containsOnly(EventIngestService.Outcome.APPLIED);

        assertThat(QuarkusTransaction.requiringNew().call(() -> days.readable(D2, D2)))
                .as("dirty: read from the deliveries")
                .isEmpty();
        PlaysReport whileDirty = reports.plays(D2, D2, "PSU");
        assertThat(whileDirty.plays()).isEqualTo(2);
        assertThat(whileDirty.reportedLate()).isEqualTo(1);

        assertThat(summary.catchUp(OffsetDateTime.now())).containsExactly(D2);
        assertThat(QuarkusTransaction.requiringNew().call(() -> days.readable(D2, D2)))
                .containsExactly(D2);
        assertThat(reports.plays(D2, D2, "PSU")).isEqualTo(whileDirty);
    }

    @Test
    void shouldCountAMovedReceiversPlaysUnderItsNewAreaAsTheDeliveriesDo() {
        Fixtures.area("PSU-D", "Xã Mới", "COMMUNE", "PSU");
        Fixtures.receiver("psu-rx3", "PSU-C", List.of("vie"));
        OffsetDateTime noon = D1.atTime(12, 0).atOffset(VIETNAM);
        delivery(occurrence(noon), "psu-rx3", "PLAYED", noon, noon.plusSeconds(8));
        summary.catchUp(OffsetDateTime.now());

        asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("areaCode", "PSU-D"))
                .put("/api/v1/receivers/psu-rx3/area")
                .then()
                .statusCode(200);

        assertThat(QuarkusTransaction.requiringNew().call(() -> days.readable(D1, D1)))
                .as("the day it played on is read from the deliveries again")
                .isEmpty();
        PlaysReport whileDirty = reports.plays(D1, D1, "PSU");
        assertThat(whileDirty.byArea()).contains(new Line("PSU-D", "Xã Mới", 1, 8, 0));
        assertThat(summary.catchUp(OffsetDateTime.now())).containsExactly(D1);
        assertThat(reports.plays(D1, D1, "PSU")).isEqualTo(whileDirty);
    }

    private static IncomingEvent event(UUID occurrence, DeliveryState state, OffsetDateTime at) {
        return new IncomingEvent(UUID.randomUUID(), occurrence, "psu-rx2", state, at, null, OffsetDateTime.now());
    }

    private UUID occurrence(OffsetDateTime playAt) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("insert into occurrence (id, broadcast_id, play_at, expires_at,"
                                + " window_end, media_id, dispatched_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                        .setParameter(1, id)
                        .setParameter(2, bilingual)
                        .setParameter(3, playAt)
                        .setParameter(4, playAt.plusMinutes(10))
                        .setParameter(5, playAt.plusMinutes(30))
                        .setParameter(6, variantMedia)
                        .setParameter(7, playAt.minusHours(1))
                        .executeUpdate());
        return id;
    }

    /** Without reported times, the delivery counts the variant's 8 s. */
    private void delivery(
            UUID occurrence, String receiver, String state, OffsetDateTime started, OffsetDateTime finished) {
        String times = started == null ? "null, null" : "?5, ?6";
        QuarkusTransaction.requiringNew().run(() -> {
            var insert = em.createNativeQuery("insert into delivery (id, occurrence_id, receiver_id, media_id, state,"
                            + " state_rank, started_at, finished_at, updated_at, version) values (?1, ?2, ?3, ?4, '"
                            + state + "', 4, " + times + ", current_timestamp, 0)")
                    .setParameter(1, DELIVERY_IDS.incrementAndGet())
                    .setParameter(2, occurrence)
                    .setParameter(3, receiver)
                    .setParameter(4, variantMedia);
            if (started != null) {
                insert.setParameter(5, started).setParameter(6, finished);
            }
            insert.executeUpdate();
        });
    }
}
