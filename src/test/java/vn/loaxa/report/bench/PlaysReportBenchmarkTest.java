package vn.loaxa.report.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.support.Api.asAdmin;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import vn.loaxa.delivery.model.EventPartitions;
import vn.loaxa.report.service.PlaysSummary;
import vn.loaxa.report.service.PlaysSummaryDays;

/**
 * The plays report over a generated year on PostgreSQL, through its endpoint (docs/performance.md). The year is
 * seeded with SQL ({@code generate_series}), not by replaying events: {@code loaxa.bench.receivers} receivers (default
 * 500) in communes of 40, {@code loaxa.bench.bulletins} daily bulletins (default 10) over the 365 days before
 * today, one delivery per receiver and occurrence (1 in 20 MISSED, the rest PLAYED with start and end) and the four
 * events of each PLAYED one. It times the report read from the deliveries, then builds the plays summary with the
 * job's own pass and times it read from the summary, then with one day marked dirty. Runs only on demand:
 * {@code mvn -B test -Pexternal-stack -Dloaxa.perf=true -Dtest=PlaysReportBenchmarkTest}. Prints the figures; it
 * asserts the count of plays and that the three reports are the same.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "loaxa.perf", matches = "true")
@EnabledIfSystemProperty(named = "loaxa.it.stack", matches = "external")
class PlaysReportBenchmarkTest {
    private static final int RECEIVERS = Integer.getInteger("loaxa.bench.receivers", 500);
    private static final int BULLETINS = Integer.getInteger("loaxa.bench.bulletins", 10);
    private static final int DAYS = 365;
    private static final int PER_COMMUNE = 40;
    private static final int RUNS = 5;
    /** Whether to seed the events too (the report reads deliveries only; the events take most of the seeding). */
    private static final boolean EVENTS = Boolean.parseBoolean(System.getProperty("loaxa.bench.events", "true"));

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PlaysSummary summary;

    @Inject
    PlaysSummaryDays days;

    @Test
    void shouldAnswerThePlaysReportOverAYearInUnderTwoSeconds() throws SQLException {
        LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS);
        long seedStarted = System.nanoTime();
        seed(first);
        double seedSeconds = (System.nanoTime() - seedStarted) / 1e9;
        System.out.printf(
                "Seeded %d receivers x %d bulletins/day x %d days in %.0f s: %s%n",
                RECEIVERS, BULLETINS, DAYS, seedSeconds, sizes());

        String range = "/api/v1/reports/plays?from=" + first + "&to=" + first.plusDays(DAYS - 1);
        long expectedPlays = expectedPlays();
        Runs fromDeliveries = runs(range, expectedPlays, "from the deliveries");

        long summaryStarted = System.nanoTime();
        List<LocalDate> summarised = summary.catchUp(OffsetDateTime.now());
        long summaryMillis = (System.nanoTime() - summaryStarted) / 1_000_000;
        System.out.printf(
                "Plays summary built by its job's pass: %d days in %d ms%n", summarised.size(), summaryMillis);
        assertThat(summarised).contains(first, first.plusDays(DAYS - 1));
        Runs fromSummary = runs(range, expectedPlays, "from the summary");
        assertThat(fromSummary.body()).as("the same report either way").isEqualTo(fromDeliveries.body());

        // a late report for one day in the middle of the year: that day is read from the deliveries until the next pass
        OffsetDateTime lateDay = first.plusDays(DAYS / 2).atTime(12, 0).atOffset(ZoneOffset.UTC);
        QuarkusTransaction.requiringNew().run(() -> days.changed(Set.of(lateDay), OffsetDateTime.now()));
        Runs oneDirtyDay = runs(range, expectedPlays, "one day dirty");
        assertThat(oneDirtyDay.body()).isEqualTo(fromDeliveries.body());
        long catchUpStarted = System.nanoTime();
        assertThat(summary.catchUp(OffsetDateTime.now())).hasSize(1);
        long catchUpMillis = (System.nanoTime() - catchUpStarted) / 1_000_000;

        long baseline = rowByRowBaseline(first);
        System.out.printf(
                "Plays report over %d days: from the summary median %d ms, max %d ms (runs %s); with one dirty day"
                        + " median %d ms, max %d ms (runs %s); from the deliveries (no summary) median %d ms, max %d ms"
                        + " (runs %s); one dirty day re-summarised in %d ms; the former row-by-row query, rows only:"
                        + " %d ms%n",
                DAYS,
                fromSummary.median(),
                fromSummary.max(),
                fromSummary.millis(),
                oneDirtyDay.median(),
                oneDirtyDay.max(),
                oneDirtyDay.millis(),
                fromDeliveries.median(),
                fromDeliveries.max(),
                fromDeliveries.millis(),
                catchUpMillis,
                baseline);
    }

    /** The counted runs of one way of reading the report (after one warm-up), and the report they gave. */
    private record Runs(List<Long> millis, String body) {
        long median() {
            return millis.stream().sorted().toList().get(millis.size() / 2);
        }

        long max() {
            return millis.stream().mapToLong(Long::longValue).max().orElseThrow();
        }
    }

    private static Runs runs(String range, long expectedPlays, String label) {
        List<Long> millis = new ArrayList<>();
        String body = null;
        for (int run = 0; run <= RUNS; run++) {
            long started = System.nanoTime();
            body = asAdmin().get(range).then().statusCode(200).extract().asString();
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            long plays = JsonPath.from(body).getLong("plays");
            assertThat(plays).isEqualTo(expectedPlays);
            if (run > 0) {
                millis.add(elapsed);
            }
            System.out.printf(
                    "plays report %s, %s run: %d ms (%d plays)%n",
                    label, run == 0 ? "warm-up" : "counted", elapsed, plays);
        }
        return new Runs(millis, body);
    }

    private void seed(LocalDate first) throws SQLException {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection()) {
                EventPartitions.lock(connection);
                for (YearMonth month = YearMonth.from(first);
                        !month.isAfter(YearMonth.from(first.plusDays(DAYS)));
                        month = month.plusMonths(1)) {
                    EventPartitions.create(connection, month);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            String start = "timestamptz '" + first + "T00:00:00Z'";
            String playAt = start + " + d * interval '1 day' + interval '6 hours' + s * interval '1 hour'";
            String occurrence = "md5('yb-occ-' || d || '-' || s)::uuid";
            sql.execute("insert into area (code, name, kind, path) values ('YB', 'Year bench', 'PROVINCE', '/YB/')");
            sql.execute("insert into area (code, name, kind, parent_code, path) select 'YB-' || c, 'Commune ' || c,"
                    + " 'COMMUNE', 'YB', '/YB/YB-' || c || '/' from generate_series(0, " + (RECEIVERS - 1) / PER_COMMUNE
                    + ") c");
            sql.execute("insert into receiver (id, display_name, area_code, secret_hash, online, created_at)"
                    + " select 'yb-rx-' || r, 'yb-rx-' || r, 'YB-' || (r / " + PER_COMMUNE + "), 'x', false, " + start
                    + " from generate_series(0, " + (RECEIVERS - 1) + ") r");
            sql.execute("insert into media (id, title, language, status, duration_ms, created_by, created_at)"
                    + " select md5('yb-media-' || s)::uuid, 'Bulletin ' || s, 'vie', 'READY', 120000, 'bench', " + start
                    + " from generate_series(1, " + BULLETINS + ") s");
            sql.execute("insert into bulletin (id, title, topic, priority, created_by, created_at) select"
                    + " md5('yb-bulletin-' || s)::uuid, 'Bulletin ' || s, (array['weather', 'agriculture', 'health',"
                    + " 'news', 'law'])[1 + s % 5], 'NORMAL', 'bench', " + start + " from generate_series(1, "
                    + BULLETINS + ") s");
            sql.execute("insert into broadcast (id, bulletin_id, start_at, created_by, created_at) select"
                    + " md5('yb-broadcast-' || s)::uuid, md5('yb-bulletin-' || s)::uuid, " + start + ", 'bench', "
                    + start + " from generate_series(1, " + BULLETINS + ") s");
            sql.execute("insert into occurrence (id, broadcast_id, play_at, expires_at, window_end, media_id,"
                    + " dispatched_at) select " + occurrence + ", md5('yb-broadcast-' || s)::uuid, " + playAt + ", "
                    + playAt + " + interval '10 minutes', " + playAt + " + interval '30 minutes', md5('yb-media-' ||"
                    + " s)::uuid, " + playAt + " - interval '1 hour' from generate_series(0, " + (DAYS - 1) + ") d,"
                    + " generate_series(1, " + BULLETINS + ") s");
            long deliveryBase = nextBlock(sql, "delivery_seq");
            sql.execute("insert into delivery (id, occurrence_id, receiver_id, state, state_rank, reason, delivered_at,"
                    + " downloaded_at, started_at, finished_at, updated_at, version) select " + deliveryBase
                    + " + (d * " + BULLETINS + " + s - 1)::bigint * " + RECEIVERS + " + r, " + occurrence
                    + ", 'yb-rx-' || r, p.state, 4, case when p.state = 'MISSED' then 'no confirmation' end, "
                    + playAt + " - interval '55 minutes', " + playAt + " - interval '50 minutes', case when p.state"
                    + " = 'PLAYED' then " + playAt + " + (r % 50) * interval '1 millisecond' end, case when p.state"
                    + " = 'PLAYED' then " + playAt + " + interval '120 seconds' + (r % 700) * interval '1"
                    + " millisecond' end, " + playAt + " + interval '3 minutes', 4 from generate_series(0, "
                    + (DAYS - 1) + ") d, generate_series(1, " + BULLETINS + ") s, generate_series(0, "
                    + (RECEIVERS - 1) + ") r, lateral (select case when (d + s + r) % 20 = 0 then 'MISSED' else"
                    + " 'PLAYED' end as state) p");
            sql.execute("select setval('delivery_seq', (select max(id) from delivery) + 1000)");
            if (!EVENTS) {
                sql.execute("analyze");
                return;
            }
            long eventBase = nextBlock(sql, "delivery_event_seq");
            // a bulk load: the keys are built once, after the rows, rather than row by row
            sql.execute("set maintenance_work_mem = '256MB'");
            sql.execute("alter table delivery_event drop constraint delivery_event_key,"
                    + " drop constraint delivery_event_pkey");
            sql.execute("insert into delivery_event (id, event_id, occurrence_id, receiver_id, event, occurred_at,"
                    + " received_at, play_at) select " + eventBase + " + (d.id - " + deliveryBase + ") * 4 + e.k,"
                    + " gen_random_uuid(), d.occurrence_id, d.receiver_id, e.event, o.play_at + e.offset_time,"
                    + " o.play_at + e.offset_time + interval '200 milliseconds', o.play_at from delivery d"
                    + " join occurrence o on o.id = d.occurrence_id, (values (0, 'DELIVERED', interval '-55 minutes'),"
                    + " (1, 'DOWNLOADED', interval '-50 minutes'), (2, 'PLAYING', interval '0 seconds'),"
                    + " (3, 'PLAYED', interval '121 seconds')) e(k, event, offset_time)"
                    + " where d.receiver_id like 'yb-rx-%' and d.state = 'PLAYED'");
            sql.execute("alter table delivery_event add constraint delivery_event_pkey primary key (id, play_at),"
                    + " add constraint delivery_event_key unique (occurrence_id, receiver_id, event, play_at)");
            sql.execute("select setval('delivery_event_seq', (select max(id) from delivery_event) + 1000)");
            sql.execute("analyze");
        }
    }

    private static long nextBlock(Statement sql, String sequence) throws SQLException {
        try (ResultSet row = sql.executeQuery("select nextval('" + sequence + "') + 1000")) {
            row.next();
            return row.getLong(1);
        }
    }

    private String sizes() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("select (select count(*) from delivery),"
                        + " (select count(*) from delivery_event), pg_size_pretty(pg_total_relation_size('delivery')),"
                        + " (select pg_size_pretty(sum(pg_total_relation_size(inhrelid))) from pg_inherits"
                        + " where inhparent = 'delivery_event'::regclass),"
                        + " (select count(*) from pg_inherits where inhparent = 'delivery_event'::regclass)")) {
            row.next();
            return "%,d deliveries (%s), %,d events (%s in %d partitions)"
                    .formatted(row.getLong(1), row.getString(3), row.getLong(2), row.getString(4), row.getLong(5));
        }
    }

    private long expectedPlays() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery(
                        "select count(*) from delivery where receiver_id like 'yb-rx-%' and state = 'PLAYED'")) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * The former report's query (one row per play, aggregated in Java), read through to its last row over JDBC:
     * what it cost before any Java work.
     */
    private long rowByRowBaseline(LocalDate first) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement query = connection.prepareStatement("select coalesce(m.id, br.id),"
                    + " coalesce(m.title, br.relay_title), m.language, b.topic, a.code, a.name, d.started_at,"
                    + " d.finished_at, m.duration_ms, br.relay_window_seconds, d.reported_late_at, o.play_at, b.id,"
                    + " v.languages from delivery d join occurrence o on o.id = d.occurrence_id"
                    + " join broadcast br on br.id = o.broadcast_id left join bulletin b on b.id = br.bulletin_id"
                    + " left join media m on m.id = coalesce(d.media_id, o.media_id)"
                    + " left join bulletin_variant v on v.media_id = d.media_id and v.bulletin_id = b.id"
                    + " join receiver r on r.id = d.receiver_id join area a on a.code = r.area_code"
                    + " where a.path like '%' and d.state = 'PLAYED' and o.play_at >= ? and o.play_at < ?"
                    + " and br.test_mode = false")) {
                query.setFetchSize(10_000);
                query.setObject(1, first.atStartOfDay().atOffset(ZoneOffset.UTC).minusHours(7));
                query.setObject(
                        2,
                        first.plusDays(DAYS)
                                .atStartOfDay()
                                .atOffset(ZoneOffset.UTC)
                                .minusHours(7));
                long started = System.nanoTime();
                long rows = 0;
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        rows++;
                    }
                }
                long elapsed = (System.nanoTime() - started) / 1_000_000;
                System.out.printf("baseline: %d rows in %d ms%n", rows, elapsed);
                connection.commit();
                return elapsed;
            }
        }
    }
}
