package vn.loaxa.delivery.model;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Ingest statements in portable SQL and JDBC batches: the embedded H2 database. */
final class StandardIngestStore implements IngestStore {
    /** Receivers per IN list, well below every database's limit on bind parameters. */
    private static final int IN_LIST = 1000;

    private static final String INSERT = "insert into delivery_event (id, event_id, occurrence_id, receiver_id, event,"
            + " occurred_at, received_at, reason, play_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** The update of {@link AdvanceSql}, one row at a time in a JDBC batch. */
    private static final String ADVANCE = "merge into delivery d using (select cast(? as bigint) id,"
            + " cast(? as varchar) state, cast(? as integer) state_rank, cast(? as boolean) carries_reason,"
            + " cast(? as varchar) reason, cast(? as timestamp with time zone) delivered_at,"
            + " cast(? as timestamp with time zone) downloaded_at, cast(? as timestamp with time zone) started_at,"
            + " cast(? as timestamp with time zone) finished_at, cast(? as boolean) late,"
            + " cast(? as timestamp with time zone) late_finished_at, cast(? as varchar) m_state,"
            + " cast(? as integer) m_rank, cast(? as varchar) m_reason,"
            + " cast(? as timestamp with time zone) m_finished_at, cast(? as timestamp with time zone) now_at) v"
            + " on d.id = v.id when matched then update set" + AdvanceSql.SET;

    private final EventIds ids = new EventIds(1);

    @Override
    public Map<DeliveryRef, Known> lookup(Connection connection, Collection<DeliveryRef> refs) throws SQLException {
        Map<UUID, List<String>> receiversByOccurrence = new LinkedHashMap<>();
        refs.forEach(ref -> receiversByOccurrence
                .computeIfAbsent(ref.occurrenceId(), k -> new ArrayList<>())
                .add(ref.receiverId()));
        Map<DeliveryRef, Known> known = new HashMap<>();
        for (Map.Entry<UUID, List<String>> entry : receiversByOccurrence.entrySet()) {
            List<String> receivers = entry.getValue();
            for (int from = 0; from < receivers.size(); from += IN_LIST) {
                List<String> chunk = receivers.subList(from, Math.min(receivers.size(), from + IN_LIST));
                String sql = "select d.receiver_id, d.id, e.event, o.play_at, o.window_end from delivery d"
                        + " join occurrence o on o.id = d.occurrence_id left join delivery_event e"
                        + " on e.occurrence_id = d.occurrence_id and e.receiver_id = d.receiver_id"
                        + " and e.play_at = o.play_at"
                        + " where d.occurrence_id = ? and d.receiver_id in (" + "?, ".repeat(chunk.size() - 1) + "?)";
                try (PreparedStatement query = connection.prepareStatement(sql)) {
                    query.setObject(1, entry.getKey());
                    for (int i = 0; i < chunk.size(); i++) {
                        query.setString(i + 2, chunk.get(i));
                    }
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            Known.collect(known, new DeliveryRef(entry.getKey(), rows.getString(1)), rows, 2);
                        }
                    }
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
        long[] ids = this.ids.take(rows.size(), count -> nextValues(connection, count));
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < rows.size(); i++) {
                DeliveryEvent row = rows.get(i);
                row.id = ids[i];
                insert.setLong(1, row.id);
                insert.setObject(2, row.eventId);
                insert.setObject(3, row.occurrenceId);
                insert.setString(4, row.receiverId);
                insert.setString(5, row.event.name());
                insert.setObject(6, row.occurredAt);
                insert.setObject(7, row.receivedAt);
                insert.setString(8, row.reason);
                insert.setObject(9, row.playAt);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static long[] nextValues(Connection connection, int count) throws SQLException {
        long[] values = new long[count];
        try (Statement sequence = connection.createStatement()) {
            for (int i = 0; i < count; i++) {
                try (ResultSet value = sequence.executeQuery("select next value for delivery_event_seq")) {
                    value.next();
                    values[i] = value.getLong(1);
                }
            }
        }
        return values;
    }

    @Override
    public int advance(Connection connection, Collection<DeliveryAdvance> advances, OffsetDateTime now)
            throws SQLException {
        if (advances.isEmpty()) {
            return 0;
        }
        // as the column keeps it, so that the count below finds the rows by it
        OffsetDateTime at = now.truncatedTo(ChronoUnit.MICROS);
        List<Long> mayOverturn = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement(ADVANCE)) {
            for (DeliveryAdvance advance : advances) {
                DeliveryState missed = advance.missedState();
                update.setLong(1, advance.deliveryId());
                update.setString(2, advance.state().name());
                update.setInt(3, advance.state().rank());
                update.setBoolean(4, advance.state().carriesReason());
                update.setString(5, advance.reason());
                timestamp(update, 6, advance.deliveredAt());
                timestamp(update, 7, advance.downloadedAt());
                timestamp(update, 8, advance.startedAt());
                timestamp(update, 9, advance.finishedAt());
                update.setBoolean(10, advance.lateFromOpen());
                timestamp(update, 11, advance.lateFinishedAt());
                update.setString(12, missed == null ? null : missed.name());
                if (missed == null) {
                    update.setNull(13, Types.INTEGER);
                } else {
                    update.setInt(13, missed.rank());
                }
                update.setString(14, advance.missedReason());
                timestamp(update, 15, advance.missedFinishedAt());
                update.setObject(16, at);
                update.addBatch();
                if (missed != null || advance.lateFromOpen()) {
                    mayOverturn.add(advance.deliveryId());
                }
            }
            update.executeBatch();
        }
        return overturned(connection, mayOverturn, at);
    }

    /** Of the deliveries a batch may have overturned, those that carry its time as the late report's. */
    private static int overturned(Connection connection, List<Long> ids, OffsetDateTime now) throws SQLException {
        int count = 0;
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST));
            String sql = "select count(*) from delivery where reported_late_at = ? and id in ("
                    + "?, ".repeat(chunk.size() - 1) + "?)";
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setObject(1, now);
                for (int i = 0; i < chunk.size(); i++) {
                    query.setLong(i + 2, chunk.get(i));
                }
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    count += rows.getInt(1);
                }
            }
        }
        return count;
    }

    private static void timestamp(PreparedStatement statement, int index, OffsetDateTime value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, value);
        }
    }
}
