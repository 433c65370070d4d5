package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.TreeSet;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import vn.loaxa.delivery.model.EventPartitions;

/**
 * On PostgreSQL, turns {@code delivery_event} into a table partitioned by month of {@code play_at} (see V19_1),
 * keeping every row: the old table is renamed, the partitioned one created with a partition for each month that
 * has rows and for this month and the next {@value #MONTHS_AHEAD}, the rows copied over, the old table dropped, all
 * in the migration's transaction. The primary and unique keys carry {@code play_at}, as a partitioned table's must;
 * since it is fixed by the occurrence, (occurrence, receiver, event) stays unique. On H2, which keeps a plain
 * table, it only indexes {@code play_at} for the retention's deletes. A Java migration, so that one build serves
 * both databases with the same version history.
 */
public class V19_2__Delivery_event_partitions extends BaseJavaMigration {
    private static final int MONTHS_AHEAD = 3;
    private static final String COLUMNS =
            "id, event_id, occurrence_id, receiver_id, event, occurred_at, received_at, reason, play_at";

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement sql = connection.createStatement()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                sql.execute("CREATE INDEX delivery_event_play_at_idx ON delivery_event (play_at)");
                return;
            }
            sql.execute("ALTER TABLE delivery_event RENAME TO delivery_event_unpartitioned");
            sql.execute("ALTER TABLE delivery_event_unpartitioned RENAME CONSTRAINT delivery_event_pkey"
                    + " TO delivery_event_unpartitioned_pkey");
            sql.execute("ALTER TABLE delivery_event_unpartitioned RENAME CONSTRAINT delivery_event_key"
                    + " TO delivery_event_unpartitioned_key");
            sql.execute("""
                    CREATE TABLE delivery_event (
                        id            BIGINT      NOT NULL,
                        event_id      UUID        NOT NULL,
                        occurrence_id UUID        NOT NULL REFERENCES occurrence (id) ON DELETE CASCADE,
                        receiver_id   VARCHAR(64) NOT NULL REFERENCES receiver (id),
                        event         VARCHAR(16) NOT NULL,
                        occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
                        received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
                        reason        VARCHAR(1000),
                        play_at       TIMESTAMP WITH TIME ZONE NOT NULL,
                        CONSTRAINT delivery_event_pkey PRIMARY KEY (id, play_at),
                        CONSTRAINT delivery_event_key UNIQUE (occurrence_id, receiver_id, event, play_at)
                    ) PARTITION BY RANGE (play_at)""");
            sql.execute("CREATE TABLE " + EventPartitions.DEFAULT_PARTITION + " PARTITION OF delivery_event DEFAULT");
            TreeSet<YearMonth> months = new TreeSet<>();
            try (ResultSet rows = sql.executeQuery("SELECT DISTINCT to_char(play_at AT TIME ZONE 'UTC', 'YYYY-MM')"
                    + " FROM delivery_event_unpartitioned")) {
                while (rows.next()) {
                    months.add(YearMonth.parse(rows.getString(1)));
                }
            }
            YearMonth now = YearMonth.now(ZoneOffset.UTC);
            for (int ahead = 0; ahead <= MONTHS_AHEAD; ahead++) {
                months.add(now.plusMonths(ahead));
            }
            for (YearMonth month : months) {
                EventPartitions.create(connection, month);
            }
            sql.execute("INSERT INTO delivery_event (" + COLUMNS + ") SELECT " + COLUMNS
                    + " FROM delivery_event_unpartitioned");
            sql.execute("DROP TABLE delivery_event_unpartitioned");
        }
    }
}
