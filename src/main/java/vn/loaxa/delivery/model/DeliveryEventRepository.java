package vn.loaxa.delivery.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;

@ApplicationScoped
public class DeliveryEventRepository implements PanacheRepository<DeliveryEvent> {
    private static final String SEQUENCE = "delivery_event_seq";
    /** The sequence's INCREMENT BY, shared with the entity's pooled generator. */
    private static final int ALLOCATION = 50;
    private static final String INSERT = "insert into delivery_event (id, event_id, occurrence_id, receiver_id, event,"
            + " occurred_at, received_at, reason) values (?, ?, ?, ?, ?, ?, ?, ?)";

    public boolean exists(UUID occurrenceId, String receiverId, DeliveryState event) {
        return count("occurrenceId = ?1 and receiverId = ?2 and event = ?3", occurrenceId, receiverId, event) > 0;
    }

    /** Events already stored for one occurrence on the given receivers, as (receiverId, event) pairs. */
    public List<Object[]> storedFor(UUID occurrenceId, Collection<String> receiverIds) {
        return getEntityManager().createQuery("select e.receiverId, e.event from DeliveryEvent e"
                        + " where e.occurrenceId = :occurrence and e.receiverId in :receivers", Object[].class)
                .setParameter("occurrence", occurrenceId)
                .setParameter("receivers", receiverIds)
                .getResultList();
    }

    /**
     * Inserts events as one JDBC batch in the current transaction. This bypasses the persistence context on
     * purpose: ingestion is the hottest write path, and the rows are never read back in the same transaction. Ids
     * come from the same pooled sequence as the entity's generator, a block of {@value #ALLOCATION} per call.
     */
    public void insertBatch(List<DeliveryEvent> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Session session = getEntityManager().unwrap(Session.class);
        Dialect dialect = session.getSessionFactory().unwrap(SessionFactoryImplementor.class)
                .getJdbcServices().getDialect();
        String nextBlock = dialect.getSequenceSupport().getSequenceNextValString(SEQUENCE);
        session.doWork(connection -> {
            long next = 0;
            long last = -1;
            try (Statement sequence = connection.createStatement();
                    PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (DeliveryEvent row : rows) {
                    if (next > last) {
                        try (ResultSet block = sequence.executeQuery(nextBlock)) {
                            block.next();
                            last = block.getLong(1);
                            next = Math.max(1, last - ALLOCATION + 1);
                        }
                    }
                    row.id = next++;
                    insert.setLong(1, row.id);
                    insert.setObject(2, row.eventId);
                    insert.setObject(3, row.occurrenceId);
                    insert.setString(4, row.receiverId);
                    insert.setString(5, row.event.name());
                    insert.setObject(6, row.occurredAt);
                    insert.setObject(7, row.receivedAt);
                    if (row.reason == null) {
                        insert.setNull(8, Types.VARCHAR);
                    } else {
                        insert.setString(8, row.reason);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }
}
