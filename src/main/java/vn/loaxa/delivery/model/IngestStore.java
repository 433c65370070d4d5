package vn.loaxa.delivery.model;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The statements of batched event ingestion, in plain JDBC on the caller's connection and transaction: ingestion
 * is the hottest write path, and entity loading and dirty checking cost more than the writes themselves. One
 * implementation per database family, chosen once by {@link IngestStores}.
 */
public interface IngestStore {

    /** Identifies a delivery as receivers do: (occurrence, receiver). */
    record DeliveryRef(UUID occurrenceId, String receiverId) {}

    /**
     * A delivery that exists, with the events already stored for it (a fresh, mutable set per lookup) and its
     * occurrence's play time and window end.
     */
    record Known(long deliveryId, EnumSet<DeliveryState> stored, OffsetDateTime playAt, OffsetDateTime windowEnd) {

        /**
         * Adds one lookup row to what is known: the delivery id at {@code column}, then one stored event of it (or
         * null), then its occurrence's play time and window end, read only for the first row of a delivery.
         */
        static void collect(Map<DeliveryRef, Known> known, DeliveryRef ref, ResultSet row, int column)
                throws SQLException {
            Known delivery = known.get(ref);
            if (delivery == null) {
                delivery = new Known(
                        row.getLong(column),
                        EnumSet.noneOf(DeliveryState.class),
                        row.getObject(column + 2, OffsetDateTime.class),
                        row.getObject(column + 3, OffsetDateTime.class));
                known.put(ref, delivery);
            }
            String storedEvent = row.getString(column + 1);
            if (storedEvent != null) {
                delivery.stored().add(DeliveryState.valueOf(storedEvent));
            }
        }
    }

    /** The deliveries among {@code refs} that exist, with their windows; missing ones are absent from the map. */
    Map<DeliveryRef, Known> lookup(Connection connection, Collection<DeliveryRef> refs) throws SQLException;

    /** Inserts new events, assigning their ids from {@code delivery_event_seq}. */
    void insertEvents(Connection connection, List<DeliveryEvent> rows) throws SQLException;

    /**
     * Applies each advance relative to the row as it is when the statement reaches it, never from a value read
     * earlier, so that a concurrent writer's progress is kept and no state moves backwards (but for MISSED, which a
     * report from inside the window overturns). Returns how many deliveries a late report turned from MISSED.
     */
    int advance(Connection connection, Collection<DeliveryAdvance> advances, OffsetDateTime now) throws SQLException;

    /** Keeps live sessions' counts on their deliveries, by delivery id, in one JDBC batch of portable SQL. */
    default void recordLive(Connection connection, Map<Long, LiveCounts> countsByDelivery) throws SQLException {
        if (countsByDelivery.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("update delivery set live_frames_played = ?,"
                + " live_frames_late = ?, live_frames_lost = ?, live_joins = ? where id = ?")) {
            for (Map.Entry<Long, LiveCounts> entry : countsByDelivery.entrySet()) {
                LiveCounts counts = entry.getValue();
                update.setLong(1, counts.framesPlayed());
                update.setLong(2, counts.framesLate());
                update.setLong(3, counts.framesLost());
                update.setInt(4, counts.joins());
                update.setLong(5, entry.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
