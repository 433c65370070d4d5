package vn.loaxa.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import vn.loaxa.delivery.model.DeliveryState;

/**
 * Gauges read from the database, so that every replica reports the same fleet: receivers online and offline, and
 * deliveries by state for occurrences that play within a day of now. One scrape runs two grouped queries; their
 * results are reused for {@link #MAX_AGE} so that several gauges and scrapers cost one round.
 */
@ApplicationScoped
public class FleetMetrics {
    private static final Logger LOG = Logger.getLogger(FleetMetrics.class);
    private static final Duration MAX_AGE = Duration.ofSeconds(5);
    private static final Duration WINDOW = Duration.ofHours(24);

    private record Snapshot(long online, long offline, Map<DeliveryState, Long> deliveries, long takenAt) {}

    private final EntityManager em;
    private final MeterRegistry registry;
    private volatile Snapshot snapshot;

    public FleetMetrics(EntityManager em, MeterRegistry registry) {
        this.em = em;
        this.registry = registry;
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("loaxa.receivers", this, m -> m.current().online())
                .tag("status", "online")
                .description("Registered receivers by connection status")
                .register(registry);
        Gauge.builder("loaxa.receivers", this, m -> m.current().offline())
                .tag("status", "offline")
                .description("Registered receivers by connection status")
                .register(registry);
        for (DeliveryState state : DeliveryState.values()) {
            Gauge.builder(
                            "loaxa.deliveries",
                            this,
                            m -> m.current().deliveries().getOrDefault(state, 0L))
                    .tag("state", state.name())
                    .description("Deliveries by state, for occurrences playing within 24 h of now")
                    .register(registry);
        }
    }

    private Snapshot current() {
        Snapshot last = snapshot;
        if (last != null && System.nanoTime() - last.takenAt() < MAX_AGE.toNanos()) {
            return last;
        }
        try {
            snapshot = QuarkusTransaction.requiringNew().call(this::query);
        } catch (RuntimeException e) {
            LOG.debug("Fleet metrics not refreshed", e);
            if (last == null) {
                snapshot = new Snapshot(0, 0, Map.of(), System.nanoTime());
            }
        }
        return snapshot;
    }

    private Snapshot query() {
        long online = 0;
        long offline = 0;
        for (Object[] row : em.createQuery(
                        "select r.online, count(r) from Receiver r group by r.online", Object[].class)
                .getResultList()) {
            if ((Boolean) row[0]) {
                online = (Long) row[1];
            } else {
                offline = (Long) row[1];
            }
        }
        OffsetDateTime now = OffsetDateTime.now();
        List<Object[]> rows = em.createQuery("""
                select d.state, count(d) from Delivery d
                where d.occurrenceId in (select o.id from Occurrence o where o.playAt between :from and :to)
                group by d.state""", Object[].class)
                .setParameter("from", now.minus(WINDOW))
                .setParameter("to", now.plus(WINDOW))
                .getResultList();
        Map<DeliveryState, Long> deliveries = new EnumMap<>(DeliveryState.class);
        rows.forEach(row -> deliveries.put((DeliveryState) row[0], (Long) row[1]));
        return new Snapshot(online, offline, deliveries, System.nanoTime());
    }
}
