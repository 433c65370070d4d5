package vn.loaxa.delivery.model;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
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
            + " occurred_at, received_at, reason) values (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ADVANCE = "update delivery set"
            + " state = case when cast(? as integer) > state_rank then ? else state end,"
            + " reason = case when cast(? as integer) > state_rank and cast(? as boolean) then ? else reason end,"
            + " state_rank = greatest(state_rank, cast(? as integer)),"
            + " delivered_at = coalesce(delivered_at, ?), downloaded_at = coalesce(downloaded_at, ?),"
            + " started_at = coalesce(started_at, ?), finished_at = coalesce(finished_at, ?),"
            + " updated_at = ?, version = version + 1"
            + " where id = ?";

    private final EventIds ids = new EventIds(1);

    @Override
    public Map<DeliveryRef, Known> lookup(Connection connection, Collection<DeliveryRef> refs) throws SQLException {
        Map<UUID, List<String>> receiversByOccurrence = new LinkedHashMap<>();
        refs.forEach(ref -> receiversByOccurrence.computeIfAbsent(ref.occurrenceId(), k -> new ArrayList<>())
                .add(ref.receiverId()));
        Map<DeliveryRef, Known> known = new HashMap<>();
        for (Map.Entry<UUID, List<String>> entry : receiversByOccurrence.entrySet()) {
            List<String> receivers = entry.getValue();
            for (int from = 0; from < receivers.size(); from += IN_LIST) {
                List<String> chunk = receivers.subList(from, Math.min(receivers.size(), from + IN_LIST));
                String sql = "select d.id, d.receiver_id, e.event from delivery d left join delivery_event e"
                        + " on e.occurrence_id = d.occurrence_id and e.receiver_id = d.receiver_id"
                        + " where d.occurrence_id = ? and d.receiver_id in (" + "?, ".repeat(chunk.size() - 1) + "?)";
                try (PreparedStatement query = connection.prepareStatement(sql)) {
                    query.setObject(1, entry.getKey());
                    for (int i = 0; i < chunk.size(); i++) {
                        query.setString(i + 2, chunk.get(i));
                    }
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            Known.collect(known, new DeliveryRef(entry.getKey(), rows.getString(2)),
                                    rows.getLong(1), rows.getString(3));
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
    public void advance(Connection connection, Collection<DeliveryAdvance> advances, OffsetDateTime now)
            throws SQLException {
        if (advances.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(ADVANCE)) {
            for (DeliveryAdvance advance : advances) {
                int rank = advance.state().rank();
                update.setInt(1, rank);
                update.setString(2, advance.state().name());
                update.setInt(3, rank);
                update.setBoolean(4, advance.state().carriesReason());
                update.setString(5, advance.reason());
                update.setInt(6, rank);
                timestamp(update, 7, advance.deliveredAt());
                timestamp(update, 8, advance.downloadedAt());
                timestamp(update, 9, advance.startedAt());
                timestamp(update, 10, advance.finishedAt());
                update.setObject(11, now);
                update.setLong(12, advance.deliveryId());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static void timestamp(PreparedStatement statement, int index, OffsetDateTime value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, value);
        }
    }
}
