package vn.loaxa.delivery.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The V19_2 migration turns an existing {@code delivery_event} into the partitioned table on PostgreSQL and keeps
 * every row, each in its month's partition. Runs on a database of its own, migrated with Flyway alone.
 */
@EnabledIfSystemProperty(named = "loaxa.it.stack", matches = "external")
class EventPartitionMigrationTest {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    @Test
    void shouldKeepEveryEventWhenTheTableBecomesPartitioned() throws SQLException {
        String database = "loaxa_part_migration_" + UUID.randomUUID().toString().substring(0, 8);
        admin("CREATE DATABASE " + database);
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(SERVER + database, "postgres", "")
                    .locations("classpath:db/migration")
                    .target("19.1")
                    .load();
            flyway.migrate();
            try (Connection connection = DriverManager.getConnection(SERVER + database, "postgres", "");
                    Statement sql = connection.createStatement()) {
                seed(sql);

                Flyway.configure()
                        .dataSource(SERVER + database, "postgres", "")
                        .locations("classpath:db/migration")
                        .target("19.2")
                        .load()
                        .migrate();

                Map<String, Long> rows = new HashMap<>();
                try (ResultSet result =
                        sql.executeQuery("select tableoid::regclass::text, count(*) from delivery_event group by 1")) {
                    while (result.next()) {
                        rows.put(result.getString(1), result.getLong(2));
                    }
                }
                assertThat(rows).isEqualTo(Map.of("delivery_event_y2024m03", 2L, "delivery_event_y2025m11", 1L));
                try (ResultSet kind =
                        sql.executeQuery("select relkind from pg_class where relname = 'delivery_event'")) {
                    kind.next();
                    assertThat(kind.getString(1)).as("partitioned table").isEqualTo("p");
                }
            }
        } finally {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void seed(Statement sql) throws SQLException {
        sql.execute("insert into area (code, name, kind, path) values ('MIG', 'Mig', 'COMMUNE', '/MIG/')");
        sql.execute("insert into receiver (id, display_name, area_code, secret_hash, online, created_at)"
                + " values ('mig-rx', 'mig-rx', 'MIG', 'x', false, now())");
        sql.execute("insert into media (id, title, language, status, created_by, created_at) values"
                + " ('00000000-0000-0000-0000-0000000000a1', 'Mig', 'vie', 'READY', 'mig', now())");
        sql.execute("insert into bulletin (id, title, topic, priority, created_by, created_at) values"
                + " ('00000000-0000-0000-0000-0000000000a2', 'Mig', 'mig', 'NORMAL', 'mig', now())");
        sql.execute("insert into broadcast (id, bulletin_id, start_at, created_by, created_at) values"
                + " ('00000000-0000-0000-0000-0000000000a3', '00000000-0000-0000-0000-0000000000a2', now(), 'mig',"
                + " now())");
        for (String[] occurrence : new String[][] {
            {"00000000-0000-0000-0000-0000000000b1", "2024-03-15T08:00:00Z"},
            {"00000000-0000-0000-0000-0000000000b2", "2025-11-30T23:30:00Z"}
        }) {
            sql.execute("insert into occurrence (id, broadcast_id, play_at, expires_at, window_end, media_id) values"
                    + " ('" + occurrence[0] + "', '00000000-0000-0000-0000-0000000000a3', '" + occurrence[1] + "', '"
                    + occurrence[1] + "', '" + occurrence[1] + "', '00000000-0000-0000-0000-0000000000a1')");
        }
        sql.execute("insert into delivery_event (id, event_id, occurrence_id, receiver_id, event, occurred_at,"
                + " received_at, play_at) select nextval('delivery_event_seq'), gen_random_uuid(), o.id, 'mig-rx', e,"
                + " o.play_at, o.play_at, o.play_at from occurrence o, (values ('PLAYING'), ('PLAYED')) v(e)"
                + " where o.id = '00000000-0000-0000-0000-0000000000b1' or e = 'PLAYED'");
    }

    private static void admin(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
