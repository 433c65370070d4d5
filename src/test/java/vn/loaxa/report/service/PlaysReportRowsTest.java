package vn.loaxa.report.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.loaxa.report.api.PlaysReport;
import vn.loaxa.report.api.PlaysReport.Day;
import vn.loaxa.report.api.PlaysReport.Line;
import vn.loaxa.support.Fixtures;
import vn.loaxa.web.Ui;

/**
 * The plays report's rows on a small seeded set, against figures worked out by hand: the rounding of reported
 * seconds, the audio's duration when the receiver reported no usable start and end, what is left out (MISSED,
 * FAILED, test broadcasts, plays outside the range), late reports, areas and the days of Vietnam's zone.
 */
@QuarkusTest
class PlaysReportRowsTest {
    /** Before the generated year of PlaysReportBenchmarkTest, which counts every area's plays, in the same run. */
    private static final LocalDate D1 = LocalDate.now(Ui.ZONE).minusDays(400);

    private static final LocalDate D2 = D1.plusDays(1);
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
    private static final UUID MORNING_NEWS = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
    private static final UUID VACCINATION = UUID.fromString("00000000-0000-4000-8000-0000000000a2");
    /** Far beyond what the sequence hands out in a test run. */
    private static final AtomicLong DELIVERY_IDS = new AtomicLong(2_000_000_000L);

    private static boolean seeded;

    @Inject
    EntityManager em;

    @Inject
    PlaysReports reports;

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        seeded = true;
        Fixtures.area("PLR", "Tỉnh thử", "PROVINCE", null);
        Fixtures.area("PLR-A", "Xã A", "COMMUNE", "PLR");
        Fixtures.area("PLR-B", "Xã B", "COMMUNE", "PLR");
        Fixtures.receiver("plr-a1", "PLR-A", List.of("vie"));
        Fixtures.receiver("plr-a2", "PLR-A", List.of("vie"));
        Fixtures.receiver("plr-b1", "PLR-B", List.of("vie"));
        Fixtures.receiver("plr-b2", "PLR-B", List.of("vie"));
        OffsetDateTime created = D1.minusDays(5).atStartOfDay().atOffset(VIETNAM);
        QuarkusTransaction.requiringNew().run(() -> {
            media(MORNING_NEWS, "Tin sáng", "vie", 60_000, created);
            media(VACCINATION, "Lịch tiêm", "tay", 90_500, created);
            UUID news = broadcast(bulletin("Tin sáng", "weather", created), false, created);
            UUID health = broadcast(bulletin("Lịch tiêm", "health", created), false, created);
            UUID rehearsal = broadcast(bulletin("Diễn tập", "weather", created), true, created);

            OffsetDateTime morning = D1.atTime(8, 0).atOffset(VIETNAM);
            UUID o1 = occurrence(news, MORNING_NEWS, morning);
            played(o1, "plr-a1", morning, morning.plusSeconds(60), null);
            played(o1, "plr-a2", morning, morning.plusNanos(59_499_000_000L), morning.plusHours(2));
            played(o1, "plr-b2", morning, morning.plusNanos(61_200_000_000L), null);
            delivery(o1, "plr-b1", "MISSED", null, null, null);

            // 06:00 in Vietnam is still the evening before in UTC: it counts on D2
            OffsetDateTime early = D2.atTime(6, 0).atOffset(VIETNAM);
            UUID o2 = occurrence(health, VACCINATION, early);
            played(o2, "plr-a1", null, null, null);
            played(o2, "plr-b1", early, early.minusSeconds(1), null);
            delivery(o2, "plr-a2", "FAILED", early, null, null);

            played(
                    occurrence(rehearsal, MORNING_NEWS, morning.plusHours(1)),
                    "plr-a1",
                    morning,
                    morning.plusSeconds(60),
                    null);
            OffsetDateTime after = D2.plusDays(1).atTime(0, 30).atOffset(VIETNAM);
            played(occurrence(news, MORNING_NEWS, after), "plr-a1", after, after.plusSeconds(60), null);
        });
    }

    @Test
    void shouldGiveTheHandCountedRowsOfEveryArea() {
        PlaysReport report = reports.plays(D1, D2, "PLR");

        // 59.499 s rounds to 59, 61.2 s to 61; no start, or an end before the start: the audio's 90.5 s, rounded to 91
        assertThat(report.plays()).isEqualTo(5);
        assertThat(report.seconds()).isEqualTo(60 + 59 + 61 + 91 + 91);
        assertThat(report.reportedLate()).isEqualTo(1);
        assertThat(report.byContent())
                .containsExactly(
                        new Line(MORNING_NEWS.toString(), "Tin sáng", 3, 180, 1),
                        new Line(VACCINATION.toString(), "Lịch tiêm", 2, 182, 0));
        assertThat(report.byTopic())
                .containsExactly(new Line("weather", "weather", 3, 180, 1), new Line("health", "health", 2, 182, 0));
        assertThat(report.byLanguage())
                .containsExactly(new Line("vie", "vie", 3, 180, 1), new Line("tay", "tay", 2, 182, 0));
        assertThat(report.byArea())
                .containsExactly(
                        new Line("PLR-A", "Xã A", 3, 60 + 59 + 91, 1), new Line("PLR-B", "Xã B", 2, 61 + 91, 0));
        assertThat(report.byDay()).containsExactly(new Day(D1, 3, 180), new Day(D2, 2, 182));
    }

    @Test
    void shouldCountOnlyTheAskedAreasReceiversAndDays() {
        PlaysReport commune = reports.plays(D1, D2, "PLR-B");
        assertThat(commune.plays()).isEqualTo(2);
        assertThat(commune.seconds()).isEqualTo(61 + 91);
        assertThat(commune.byArea()).containsExactly(new Line("PLR-B", "Xã B", 2, 152, 0));

        PlaysReport secondDay = reports.plays(D2, D2, "PLR");
        assertThat(secondDay.plays()).isEqualTo(2);
        assertThat(secondDay.byContent()).containsExactly(new Line(VACCINATION.toString(), "Lịch tiêm", 2, 182, 0));
        assertThat(secondDay.byDay()).containsExactly(new Day(D2, 2, 182));
    }

    private void media(UUID id, String title, String language, long durationMs, OffsetDateTime at) {
        em.createNativeQuery("insert into media (id, title, language, status, duration_ms, created_by, created_at)"
                        + " values (?1, ?2, ?3, 'READY', ?4, 'test', ?5)")
                .setParameter(1, id)
                .setParameter(2, title)
                .setParameter(3, language)
                .setParameter(4, durationMs)
                .setParameter(5, at)
                .executeUpdate();
    }

    private UUID bulletin(String title, String topic, OffsetDateTime at) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into bulletin (id, title, topic, priority, created_by, created_at)"
                        + " values (?1, ?2, ?3, 'NORMAL', 'test', ?4)")
                .setParameter(1, id)
                .setParameter(2, title)
                .setParameter(3, topic)
                .setParameter(4, at)
                .executeUpdate();
        return id;
    }

    private UUID broadcast(UUID bulletin, boolean testMode, OffsetDateTime at) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into broadcast (id, bulletin_id, start_at, created_by, created_at, test_mode)"
                        + " values (?1, ?2, ?3, 'test', ?3, ?4)")
                .setParameter(1, id)
                .setParameter(2, bulletin)
                .setParameter(3, at)
                .setParameter(4, testMode)
                .executeUpdate();
        return id;
    }

    private UUID occurrence(UUID broadcast, UUID media, OffsetDateTime playAt) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into occurrence (id, broadcast_id, play_at, expires_at, window_end, media_id,"
                        + " dispatched_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, id)
                .setParameter(2, broadcast)
                .setParameter(3, playAt)
                .setParameter(4, playAt.plusMinutes(10))
                .setParameter(5, playAt.plusMinutes(30))
                .setParameter(6, media)
                .setParameter(7, playAt.minusHours(1))
                .executeUpdate();
        return id;
    }

    private void played(
            UUID occurrence,
            String receiver,
            OffsetDateTime started,
            OffsetDateTime finished,
            OffsetDateTime reportedLate) {
        delivery(occurrence, receiver, "PLAYED", started, finished, reportedLate);
    }

    private void delivery(
            UUID occurrence,
            String receiver,
            String state,
            OffsetDateTime started,
            OffsetDateTime finished,
            OffsetDateTime reportedLate) {
        // typed nulls differ between the drivers; an absent time is written as the literal null
        List<OffsetDateTime> times = Arrays.asList(started, finished, reportedLate);
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < times.size(); i++) {
            values.append(times.get(i) == null ? ", null" : ", ?" + (4 + i));
        }
        Query insert = em.createNativeQuery("insert into delivery (id, occurrence_id, receiver_id, state, state_rank,"
                        + " started_at, finished_at, reported_late_at, updated_at, version) values (?1, ?2, ?3, '"
                        + state + "', 4" + values + ", current_timestamp, 0)")
                .setParameter(1, DELIVERY_IDS.incrementAndGet())
                .setParameter(2, occurrence)
                .setParameter(3, receiver);
        for (int i = 0; i < times.size(); i++) {
            if (times.get(i) != null) {
                insert.setParameter(4 + i, times.get(i));
            }
        }
        insert.executeUpdate();
    }
}
