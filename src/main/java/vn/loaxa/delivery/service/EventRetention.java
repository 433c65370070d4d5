package vn.loaxa.delivery.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import vn.loaxa.common.db.DatabaseProduct;
import vn.loaxa.delivery.model.EventPartitions;

/**
 * Keeps {@code delivery_event} within {@code loaxa.retention.delivery-events}. On PostgreSQL it creates the monthly
 * partitions of this month and the next {@code loaxa.retention.months-ahead}, and drops whole months older than the
 * retention; replicas doing it at once take turns on an advisory lock. On H2 it deletes old events in batches.
 * The reports read deliveries, not events, so a period whose events are gone still reports.
 */
@ApplicationScoped
public class EventRetention {
    private static final Logger LOG = Logger.getLogger(EventRetention.class);

    /** What one pass did. */
    public record Pass(List<YearMonth> created, List<YearMonth> dropped, long deletedRows) {}

    private final AgroalDataSource dataSource;
    private final RetentionConfig config;
    private final boolean partitioned;

    public EventRetention(AgroalDataSource dataSource, RetentionConfig config, DatabaseProduct database) {
        this.dataSource = dataSource;
        this.config = config;
        this.partitioned = database.postgres();
    }

    void onStart(@Observes StartupEvent event) {
        run();
    }

    @Scheduled(
            identity = "delivery-event-retention",
            every = "${loaxa.retention.interval:6h}",
            delayed = "${loaxa.retention.interval:6h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        Pass pass = pass(OffsetDateTime.now());
        if (!pass.created().isEmpty() || !pass.dropped().isEmpty() || pass.deletedRows() > 0) {
            LOG.infof(
                    "Receiver events: partitions created %s, dropped %s, %d old rows deleted",
                    pass.created(), pass.dropped(), pass.deletedRows());
        }
    }

    /** One pass as of {@code now}: events of occurrences that played before now minus the retention go. */
    public Pass pass(OffsetDateTime now) {
        OffsetDateTime cutoff = now.minus(config.deliveryEvents());
        return partitioned ? maintainPartitions(now, cutoff) : new Pass(List.of(), List.of(), deleteBefore(cutoff));
    }

    private Pass maintainPartitions(OffsetDateTime now, OffsetDateTime cutoff) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                EventPartitions.lock(connection);
                List<YearMonth> created = new ArrayList<>();
                YearMonth current = YearMonth.from(now.withOffsetSameInstant(ZoneOffset.UTC));
                for (int ahead = 0; ahead <= config.monthsAhead(); ahead++) {
                    if (EventPartitions.create(connection, current.plusMonths(ahead))) {
                        created.add(current.plusMonths(ahead));
                    }
                }
                List<YearMonth> dropped = new ArrayList<>();
                for (YearMonth month : EventPartitions.months(connection)) {
                    if (!EventPartitions.start(month.plusMonths(1)).isAfter(cutoff)) {
                        EventPartitions.drop(connection, month);
                        dropped.add(month);
                    }
                }
                return new Pass(created, dropped, EventPartitions.deleteDefaultBefore(connection, cutoff));
            }
        });
    }

    private long deleteBefore(OffsetDateTime cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> {
                try (Connection connection = dataSource.getConnection();
                        PreparedStatement delete = connection.prepareStatement("delete from delivery_event where id in"
                                + " (select id from delivery_event where play_at < ? fetch first ? rows only)")) {
                    delete.setObject(1, cutoff);
                    delete.setInt(2, config.deleteBatch());
                    return delete.executeUpdate();
                }
            });
            total += deleted;
        } while (deleted > 0);
        return total;
    }
}
