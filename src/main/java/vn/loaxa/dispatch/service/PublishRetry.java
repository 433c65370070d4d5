package vn.loaxa.dispatch.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import vn.loaxa.delivery.model.DeliveryRepository;
import vn.loaxa.schedule.model.Occurrence;
import vn.loaxa.schedule.service.ManifestScope;

/**
 * Dispatches whose manifests have not reached the broker yet. The transaction that records a dispatch marks its
 * occurrence "publish pending" (and schedules the series' next occurrence), so a publish that fails afterwards is
 * neither lost nor the end of the series: this sweep publishes the marked manifests again, with doubling backoff,
 * until they go out or the occurrence's window closes. Failures are counted and the backlog is a gauge.
 */
@ApplicationScoped
public class PublishRetry {
    public static final String FAILURES = "loaxa.dispatch.publish.failures";
    public static final String PENDING = "loaxa.dispatch.publish.pending";
    public static final String ABANDONED = "loaxa.dispatch.publish.abandoned";
    private static final Logger LOG = Logger.getLogger(PublishRetry.class);
    private static final int BATCH = 100;

    private final EntityManager em;
    private final DeliveryRepository deliveries;
    private final ManifestPublisher manifests;
    private final PublishRetryConfig config;
    private final Counter failures;
    private final Counter abandoned;
    private final AtomicLong pending = new AtomicLong();

    public PublishRetry(
            EntityManager em,
            DeliveryRepository deliveries,
            ManifestPublisher manifests,
            PublishRetryConfig config,
            MeterRegistry registry) {
        this.em = em;
        this.deliveries = deliveries;
        this.manifests = manifests;
        this.config = config;
        this.failures = Counter.builder(FAILURES)
                .description("Dispatch publishes (first tries and retries) that the broker client refused")
                .register(registry);
        this.abandoned = Counter.builder(ABANDONED)
                .description("Occurrences whose window closed before their manifests could be published")
                .register(registry);
        registry.gauge(PENDING, pending);
    }

    /** The oldest pending publish and how many there are, for the overview's alert. */
    public record Backlog(long count, OffsetDateTime oldestSince) {}

    /**
     * Marks an occurrence whose manifests (its own and those of {@code areaCodes}) are to be published. Call in the
     * transaction that records the dispatch; the first retry is due after the initial backoff, by when the
     * dispatcher's own publish has normally cleared the mark.
     */
    public void mark(Occurrence occurrence, Collection<String> areaCodes, OffsetDateTime now) {
        List<String> areas = new ArrayList<>(areaCodes(occurrence));
        areaCodes.stream().filter(code -> !areas.contains(code)).forEach(areas::add);
        occurrence.publishPendingSince = occurrence.publishPendingSince == null ? now : occurrence.publishPendingSince;
        occurrence.publishAttempts = 0;
        occurrence.publishNextAt = now.plus(config.initialBackoff());
        occurrence.publishAreas = areas.isEmpty() ? null : String.join(",", areas);
    }

    /** Publishes the manifests of marked occurrences; clears their marks, or schedules the next try on failure. */
    public void publish(Set<UUID> occurrenceIds, ManifestScope scope) {
        try {
            manifests.publish(scope);
        } catch (RuntimeException e) {
            failures.increment();
            OffsetDateTime next = QuarkusTransaction.requiringNew().call(() -> backOff(occurrenceIds));
            LOG.warnf(e, "Publishing the manifests of occurrences %s failed; trying again at %s", occurrenceIds, next);
            return;
        }
        if (!occurrenceIds.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> clear(occurrenceIds));
        }
    }

    @Scheduled(
            identity = "publish-retry",
            every = "${loaxa.dispatch.publish-retry.interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        for (Due due : QuarkusTransaction.requiringNew().call(this::due)) {
            LOG.infof("Publishing the manifests of occurrence %s again", due.occurrenceId());
            publish(Set.of(due.occurrenceId()), due.scope());
        }
        backlog();
    }

    /** Counts the occurrences still awaiting publish, and refreshes the gauge. */
    public Backlog backlog() {
        Object[] row = QuarkusTransaction.requiringNew()
                .call(() -> em.createQuery("""
                select count(o), min(o.publishPendingSince) from Occurrence o
                where o.publishPendingSince is not null and o.windowEnd > :now
                """, Object[].class)
                        .setParameter("now", OffsetDateTime.now())
                        .getSingleResult());
        long count = ((Number) row[0]).longValue();
        pending.set(count);
        return new Backlog(count, (OffsetDateTime) row[1]);
    }

    private record Due(UUID occurrenceId, ManifestScope scope) {}

    private List<Due> due() {
        OffsetDateTime now = OffsetDateTime.now();
        List<Occurrence> marked = em.createQuery("""
                select o from Occurrence o
                where o.publishPendingSince is not null and o.publishNextAt <= :now
                order by o.publishNextAt
                """, Occurrence.class)
                .setParameter("now", now)
                .setMaxResults(BATCH)
                .getResultList();
        List<Due> due = new ArrayList<>();
        for (Occurrence occurrence : marked) {
            if (!occurrence.windowEnd.isAfter(now)) {
                abandoned.increment();
                LOG.errorf(
                        "The window of occurrence %s closed before its manifests could be published (pending since"
                                + " %s, %d failed attempts)",
                        occurrence.id, occurrence.publishPendingSince, occurrence.publishAttempts);
                unmark(occurrence);
                continue;
            }
            ManifestScope scope = ManifestScope.empty();
            if (occurrence.groupArea == null) {
                scope.receiverIds().addAll(deliveries.receiverIdsOfOccurrences(List.of(occurrence.id)));
            }
            scope.areaCodes().addAll(areaCodes(occurrence));
            due.add(new Due(occurrence.id, scope));
        }
        return due;
    }

    private OffsetDateTime backOff(Set<UUID> occurrenceIds) {
        OffsetDateTime now = OffsetDateTime.now();
        OffsetDateTime soonest = null;
        for (UUID id : occurrenceIds) {
            Occurrence occurrence = em.find(Occurrence.class, id);
            if (occurrence == null || occurrence.publishPendingSince == null) {
                continue;
            }
            occurrence.publishAttempts++;
            occurrence.publishNextAt = now.plus(backoff(occurrence.publishAttempts));
            soonest =
                    soonest == null || occurrence.publishNextAt.isBefore(soonest) ? occurrence.publishNextAt : soonest;
        }
        return soonest;
    }

    /** Doubles from the initial backoff with each failure, up to the maximum. */
    Duration backoff(int failures) {
        Duration wait = config.initialBackoff();
        for (int i = 1; i < failures && wait.compareTo(config.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private void clear(Set<UUID> occurrenceIds) {
        for (UUID id : occurrenceIds) {
            Optional.ofNullable(em.find(Occurrence.class, id)).ifPresent(PublishRetry::unmark);
        }
    }

    private static void unmark(Occurrence occurrence) {
        occurrence.publishPendingSince = null;
        occurrence.publishAttempts = 0;
        occurrence.publishNextAt = null;
        occurrence.publishAreas = null;
    }

    /** The areas a pending publish must send: those the dispatch touched, and the occurrence's own. */
    private static List<String> areaCodes(Occurrence occurrence) {
        List<String> codes = new ArrayList<>();
        if (occurrence.publishAreas != null) {
            codes.addAll(Arrays.asList(occurrence.publishAreas.split(",")));
        }
        if (occurrence.groupArea != null && !codes.contains(occurrence.groupArea)) {
            codes.add(occurrence.groupArea);
        }
        return codes;
    }
}
