package vn.loaxa.delivery.model;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monthly partitions of {@code delivery_event} on PostgreSQL, by the occurrence's play time in UTC, in plain
 * JDBC on the caller's connection and transaction (the V19_2 migration uses it before the application starts).
 * Rows with no partition of their own month land in {@value #DEFAULT_PARTITION}, so an insert never fails for lack
 * of one; creating a month moves its rows out of there first. Callers hold {@link #lock} for the transaction, so
 * that replicas maintaining the partitions at once take turns.
 */
public final class EventPartitions {
    public static final String TABLE = "delivery_event";
    public static final String DEFAULT_PARTITION = "delivery_event_default";
    /** Key of the transaction-scoped advisory lock that serialises partition maintenance across replicas. */
    private static final long LOCK_KEY = 0x6C6F6178_00000017L;

    private static final Pattern MONTH = Pattern.compile("delivery_event_y(\\d{4})m(\\d{2})");
    private static final String PARTITIONS = "select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
            + " where i.inhparent = 'delivery_event'::regclass";

    private EventPartitions() {}

    /** The name of a month's partition, e.g. {@code delivery_event_y2026m12}. */
    public static String name(YearMonth month) {
        return "delivery_event_y%04dm%02d".formatted(month.getYear(), month.getMonthValue());
    }

    /** The first instant of a month, UTC: the lower bound of its partition. */
    public static OffsetDateTime start(YearMonth month) {
        return month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** Waits for other maintainers and holds them off until the caller's transaction ends. */
    public static void lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            lock.executeQuery().close();
        }
    }

    /** The months that have a partition, oldest first. */
    public static TreeSet<YearMonth> months(Connection connection) throws SQLException {
        TreeSet<YearMonth> months = new TreeSet<>();
        try (Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery(PARTITIONS)) {
            while (rows.next()) {
                Matcher name = MONTH.matcher(rows.getString(1));
                if (name.matches()) {
                    months.add(YearMonth.of(Integer.parseInt(name.group(1)), Integer.parseInt(name.group(2))));
                }
            }
        }
        return months;
    }

    /** Creates the month's partition unless it exists, moving in the rows the default partition holds for it. */
    public static boolean create(Connection connection, YearMonth month) throws SQLException {
        if (months(connection).contains(month)) {
            return false;
        }
        String name = name(month);
        String bounds = "for values from ('%s') to ('%s')".formatted(start(month), start(month.plusMonths(1)));
        try (Statement ddl = connection.createStatement()) {
            if (defaultHoldsRows(connection, month)) {
                ddl.execute("create table " + name + " (like " + TABLE + " including defaults including constraints)");
                ddl.execute("with moved as (delete from " + DEFAULT_PARTITION + " where play_at >= '" + start(month)
                        + "' and play_at < '" + start(month.plusMonths(1)) + "' returning *) insert into " + name
                        + " select * from moved");
                ddl.execute("alter table " + TABLE + " attach partition " + name + " " + bounds);
            } else {
                ddl.execute("create table if not exists " + name + " partition of " + TABLE + " " + bounds);
            }
        }
        return true;
    }

    /** Drops the month's partition, and with it every event of occurrences that played in that month. */
    public static void drop(Connection connection, YearMonth month) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("drop table if exists " + name(month));
        }
    }

    /** Deletes what the default partition holds from before {@code cutoff}; returns how many rows. */
    public static int deleteDefaultBefore(Connection connection, OffsetDateTime cutoff) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("delete from " + DEFAULT_PARTITION + " where play_at < ?")) {
            delete.setObject(1, cutoff);
            return delete.executeUpdate();
        }
    }

    private static boolean defaultHoldsRows(Connection connection, YearMonth month) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select exists (select 1 from " + DEFAULT_PARTITION + " where play_at >= ? and play_at < ?)")) {
            query.setObject(1, start(month));
            query.setObject(2, start(month.plusMonths(1)));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }
}
