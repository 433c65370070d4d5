package vn.loaxa.dispatch.bench;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the server asks of its database over a window: connections taken from the pool (each a unit of work: a
 * transaction or a read), and on PostgreSQL the database's own counts of commits and rows returned
 * ({@code pg_stat_database}, which the statistics collector publishes with a delay of up to half a second).
 */
final class DatabaseActivity {
    private final AgroalDataSource dataSource;
    private final long startNanos = System.nanoTime();
    private final long acquiredBefore;
    private final long[] postgresBefore;

    private DatabaseActivity(AgroalDataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        dataSource.getConfiguration().setMetricsEnabled(true);
        this.acquiredBefore = dataSource.getMetrics().acquireCount();
        this.postgresBefore = postgresCounts();
    }

    static DatabaseActivity measure(AgroalDataSource dataSource) throws SQLException {
        return new DatabaseActivity(dataSource);
    }

    String summary() throws SQLException {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String pool = "%.1f pool connections taken/s"
                .formatted((dataSource.getMetrics().acquireCount() - acquiredBefore) / seconds);
        long[] after = postgresCounts();
        if (after == null || postgresBefore == null) {
            return pool;
        }
        return pool
                + ", PostgreSQL %.1f commits/s and %.0f rows returned/s"
                        .formatted((after[0] - postgresBefore[0]) / seconds, (after[1] - postgresBefore[1]) / seconds);
    }

    /** Commits and rows returned in this database so far, or null on another database. */
    private long[] postgresCounts() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
                return null;
            }
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("select xact_commit, tup_returned from pg_stat_database"
                            + " where datname = current_database()")) {
                r.next();
                return new long[] {r.getLong(1), r.getLong(2)};
            }
        }
    }
}
