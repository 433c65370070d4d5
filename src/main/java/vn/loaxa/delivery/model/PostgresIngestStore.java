package vn.loaxa.delivery.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Ingest statements for PostgreSQL: each batch is one lookup, one insert and one update over arrays (one parse,
 * one round trip each, whatever the batch size); large batches insert their events by COPY instead.
 */
final class PostgresIngestStore implements IngestStore {
    // rows name their key by its position in the arrays: cheaper to send back and read than the key itself
    private static final String LOOKUP = "select k.n, d.id, e.event, o.play_at, o.window_end"
            + " from unnest(?::uuid[], ?::varchar[]) with ordinality as k(occurrence_id, receiver_id, n)"
            + " join delivery d on d.occurrence_id = k.occurrence_id and d.receiver_id = k.receiver_id"
            + " join occurrence o on o.id = d.occurrence_id"
            + " left join delivery_event e on e.occurrence_id = d.occurrence_id and e.receiver_id = d.receiver_id"
            + " and e.play_at = o.play_at";
    private static final String IDS = "select nextval('delivery_event_seq') from generate_series(1, ?)";
    private static final String COPY = "copy delivery_event (id, event_id, occurrence_id, receiver_id, event,"
            + " occurred_at, received_at, reason, play_at) from stdin (format csv)";
    private static final String INSERT = "insert into delivery_event (id, event_id, occurrence_id, receiver_id, event,"
            + " occurred_at, received_at, reason, play_at) select * from unnest(?::bigint[], ?::uuid[], ?::uuid[],"
            + " ?::varchar[], ?::varchar[], ?::timestamptz[], ?::timestamptz[], ?::varchar[], ?::timestamptz[])";
    /**
     * From this many rows on, events go in by COPY. It costs two round trips where an insert from arrays costs
     * one, and wins back far more on every row of a large batch.
     */
    private static final int COPY_FROM_ROWS = 500;
    /** Sequence blocks fetched at once: the ids of a full batch. */
    private static final int PREFETCH_BLOCKS = 100;
    /** The update of {@link AdvanceSql}, counting in the same round trip the rows a late report overturned. */
    private static final String ADVANCE = "with changed as (update delivery d set" + AdvanceSql.SET
            + " from (select u.*, ?::timestamptz as now_at from unnest(?::bigint[], ?::varchar[], ?::int[],"
            + " ?::boolean[], ?::varchar[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],"
            + " ?::boolean[], ?::timestamptz[], ?::varchar[], ?::int[], ?::varchar[], ?::timestamptz[])"
            + " as u(" + AdvanceSql.COLUMNS + ")) v"
            + " where d.id = v.id returning d.reported_late_at, v.now_at)"
            + " select count(*) from changed where reported_late_at = now_at";

    private final EventIds ids = new EventIds(PREFETCH_BLOCKS);

    @Override
    public Map<DeliveryRef, Known> lookup(Connection connection, Collection<DeliveryRef> refs) throws SQLException {
        DeliveryRef[] keys = refs.toArray(DeliveryRef[]::new);
        UUID[] occurrences = new UUID[keys.length];
        String[] receivers = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            occurrences[i] = keys[i].occurrenceId();
            receivers[i] = keys[i].receiverId();
        }
        Map<DeliveryRef, Known> known = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(LOOKUP)) {
            query.setArray(1, connection.createArrayOf("uuid", occurrences));
            query.setArray(2, connection.createArrayOf("varchar", receivers));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Known.collect(known, keys[rows.getInt(1) - 1], rows, 2);
                }
            }
        }
        return known;
    }

    @Override
    public void insertEvents(Connection connection, List<DeliveryEvent> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        long[] ids = this.ids.take(rows.size(), count -> sequenceValues(connection, count));
        for (int i = 0; i < ids.length; i++) {
            rows.get(i).id = ids[i];
        }
        if (rows.size() >= COPY_FROM_ROWS) {
            copy(connection, rows);
        } else {
            insertFromArrays(connection, rows);
        }
    }

    private static void copy(Connection connection, List<DeliveryEvent> rows) throws SQLException {
        StringBuilder csv = new StringBuilder(rows.size() * 192);
        for (DeliveryEvent row : rows) {
            csv.append(row.id)
                    .append(',')
                    .append(row.eventId)
                    .append(',')
                    .append(row.occurrenceId)
                    .append(',');
            quoted(csv, row.receiverId)
                    .append(',')
                    .append(row.event.name())
                    .append(',')
                    .append(row.occurredAt)
                    .append(',')
                    .append(row.receivedAt)
                    .append(',');
            if (row.reason != null) {
                quoted(csv, row.reason);
            }
            csv.append(',').append(row.playAt).append('\n');
        }
        try {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(COPY, new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new SQLException("COPY of receiver events failed", e);
        }
    }

    private static void insertFromArrays(Connection connection, List<DeliveryEvent> rows) throws SQLException {
        int n = rows.size();
        Long[] ids = new Long[n];
        UUID[] eventIds = new UUID[n];
        UUID[] occurrences = new UUID[n];
        String[] receivers = new String[n];
        String[] events = new String[n];
        String[] occurredAt = new String[n];
        String[] receivedAt = new String[n];
        String[] reasons = new String[n];
        String[] playAt = new String[n];
        for (int i = 0; i < n; i++) {
            DeliveryEvent row = rows.get(i);
            ids[i] = row.id;
            eventIds[i] = row.eventId;
            occurrences[i] = row.occurrenceId;
            receivers[i] = row.receiverId;
            events[i] = row.event.name();
            occurredAt[i] = text(row.occurredAt);
            receivedAt[i] = text(row.receivedAt);
            reasons[i] = row.reason;
            playAt[i] = text(row.playAt);
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, connection.createArrayOf("bigint", ids));
            insert.setArray(2, connection.createArrayOf("uuid", eventIds));
            insert.setArray(3, connection.createArrayOf("uuid", occurrences));
            insert.setArray(4, connection.createArrayOf("varchar", receivers));
            insert.setArray(5, connection.createArrayOf("varchar", events));
            insert.setArray(6, timestamps(connection, occurredAt));
            insert.setArray(7, timestamps(connection, receivedAt));
            insert.setArray(8, connection.createArrayOf("varchar", reasons));
            insert.setArray(9, timestamps(connection, playAt));
            insert.executeUpdate();
        }
    }

    private static long[] sequenceValues(Connection connection, int count) throws SQLException {
        long[] values = new long[count];
        try (PreparedStatement query = connection.prepareStatement(IDS)) {
            query.setInt(1, count);
            try (ResultSet rows = query.executeQuery()) {
                for (int i = 0; i < count; i++) {
                    rows.next();
                    values[i] = rows.getLong(1);
                }
            }
        }
        return values;
    }

    /** A CSV field in double quotes: an empty quoted field is an empty string, an empty unquoted one is NULL. */
    private static StringBuilder quoted(StringBuilder csv, String value) {
        csv.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                csv.append('"');
            }
            csv.append(c);
        }
        return csv.append('"');
    }

    @Override
    public int advance(Connection connection, Collection<DeliveryAdvance> advances, OffsetDateTime now)
            throws SQLException {
        if (advances.isEmpty()) {
            return 0;
        }
        int n = advances.size();
        Long[] ids = new Long[n];
        String[] states = new String[n];
        Integer[] ranks = new Integer[n];
        Boolean[] carriesReason = new Boolean[n];
        String[] reasons = new String[n];
        String[] delivered = new String[n];
        String[] downloaded = new String[n];
        String[] started = new String[n];
        String[] finished = new String[n];
        Boolean[] late = new Boolean[n];
        String[] lateFinished = new String[n];
        String[] missedStates = new String[n];
        Integer[] missedRanks = new Integer[n];
        String[] missedReasons = new String[n];
        String[] missedFinished = new String[n];
        int i = 0;
        for (DeliveryAdvance advance : advances) {
            ids[i] = advance.deliveryId();
            states[i] = advance.state().name();
            ranks[i] = advance.state().rank();
            carriesReason[i] = advance.state().carriesReason();
            reasons[i] = advance.reason();
            delivered[i] = text(advance.deliveredAt());
            downloaded[i] = text(advance.downloadedAt());
            started[i] = text(advance.startedAt());
            finished[i] = text(advance.finishedAt());
            late[i] = advance.lateFromOpen();
            lateFinished[i] = text(advance.lateFinishedAt());
            DeliveryState missed = advance.missedState();
            if (missed != null) {
                missedStates[i] = missed.name();
                missedRanks[i] = missed.rank();
                missedReasons[i] = advance.missedReason();
                missedFinished[i] = text(advance.missedFinishedAt());
            }
            i++;
        }
        try (PreparedStatement update = connection.prepareStatement(ADVANCE)) {
            update.setObject(1, now);
            update.setArray(2, connection.createArrayOf("bigint", ids));
            update.setArray(3, connection.createArrayOf("varchar", states));
            update.setArray(4, connection.createArrayOf("int", ranks));
            update.setArray(5, connection.createArrayOf("boolean", carriesReason));
            update.setArray(6, connection.createArrayOf("varchar", reasons));
            update.setArray(7, timestamps(connection, delivered));
            update.setArray(8, timestamps(connection, downloaded));
            update.setArray(9, timestamps(connection, started));
            update.setArray(10, timestamps(connection, finished));
            update.setArray(11, connection.createArrayOf("boolean", late));
            update.setArray(12, timestamps(connection, lateFinished));
            update.setArray(13, connection.createArrayOf("varchar", missedStates));
            update.setArray(14, connection.createArrayOf("int", missedRanks));
            update.setArray(15, connection.createArrayOf("varchar", missedReasons));
            update.setArray(16, timestamps(connection, missedFinished));
            try (ResultSet count = update.executeQuery()) {
                count.next();
                return count.getInt(1);
            }
        }
    }

    private static Array timestamps(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("timestamptz", values);
    }

    private static String text(OffsetDateTime value) {
        return value == null ? null : value.toString();
    }
}
