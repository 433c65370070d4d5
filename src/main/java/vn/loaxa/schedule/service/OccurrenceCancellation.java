package vn.loaxa.schedule.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.schedule.api.BroadcastView;
import vn.loaxa.schedule.model.Broadcast;
import vn.loaxa.schedule.model.BroadcastRepository;
import vn.loaxa.schedule.model.Occurrence;
import vn.loaxa.schedule.model.OccurrenceRepository;

/**
 * Cancels one occurrence of a recurring broadcast, the rest of the series going on: the instance becomes an EXDATE
 * of the series. When it is materialised already, it is cancelled as a whole broadcast's occurrences are (its
 * deliveries closed, the manifests holding it sent again); when its trigger was the one the series waited on, the
 * trigger goes and the next instance is materialised and triggered in its place.
 */
@ApplicationScoped
public class OccurrenceCancellation {
    private static final Logger LOG = Logger.getLogger(OccurrenceCancellation.class);

    private final BroadcastRepository broadcasts;
    private final OccurrenceRepository occurrences;
    private final OccurrenceDeliveries deliveries;
    private final OccurrenceFactory factory;
    private final OccurrenceTriggers triggers;
    private final BroadcastCycle cycle;
    private final BroadcastService service;

    public OccurrenceCancellation(
            BroadcastRepository broadcasts,
            OccurrenceRepository occurrences,
            OccurrenceDeliveries deliveries,
            OccurrenceFactory factory,
            OccurrenceTriggers triggers,
            BroadcastCycle cycle,
            BroadcastService service) {
        this.broadcasts = broadcasts;
        this.occurrences = occurrences;
        this.deliveries = deliveries;
        this.factory = factory;
        this.triggers = triggers;
        this.cycle = cycle;
        this.service = service;
    }

    /**
     * Leaves out the instance of broadcast {@code id} starting at {@code localTime} (read in the broadcast's zone).
     * Asking again for an instance left out already changes nothing.
     */
    public BroadcastView cancel(UUID id, LocalDateTime localTime, String user) {
        ManifestScope affected = QuarkusTransaction.requiringNew().call(() -> exclude(id, localTime, user));
        service.republish(affected);
        return service.get(id);
    }

    private ManifestScope exclude(UUID id, LocalDateTime localTime, String user) {
        Broadcast broadcast = broadcasts.findByIdOptional(id).orElseThrow(() -> NotFoundException.of("Broadcast", id));
        if (broadcast.cancelledAt != null) {
            throw new ConflictException("Broadcast '" + id + "' was cancelled by " + broadcast.cancelledBy
                    + ", with every occurrence still to come");
        }
        if (broadcast.rrule == null) {
            throw new InvalidRequestException(
                    "localTime", "This broadcast airs once; cancel the broadcast itself instead of one occurrence");
        }
        Recurrence series = factory.recurrence(broadcast);
        if (!series.hasInstanceAt(localTime)) {
            throw new InvalidRequestException(
                    "localTime",
                    "The series has no occurrence at " + localTime + " (" + broadcast.timeZone
                            + "); give the local start time of one of its occurrences");
        }
        if (broadcast.exdates.contains(localTime)) {
            return ManifestScope.empty();
        }
        Instant playAt = ZonedDateTime.of(localTime, series.zone()).toInstant();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Optional<Occurrence> materialised = occurrences
                .find("broadcastId = ?1 and playAt = ?2", id, playAt.atOffset(ZoneOffset.UTC))
                .firstResultOptional();
        boolean over = materialised.map(o -> !o.windowEnd.isAfter(now)).orElse(!playAt.isAfter(now.toInstant()));
        if (over) {
            throw new ConflictException("The occurrence at " + localTime + " (" + broadcast.timeZone
                    + ") is over already; only one still to come or playing can be cancelled");
        }
        broadcast.exdates.add(localTime);
        ManifestScope affected = ManifestScope.empty();
        if (materialised.isPresent()) {
            Occurrence occurrence = materialised.get();
            if (occurrence.cancelledAt == null) {
                occurrence.cancelledAt = now;
                List<String> receivers = deliveries.cancel(occurrence.id, "cancelled by " + user, now);
                if (occurrence.groupArea != null) {
                    affected.areaCodes().add(occurrence.groupArea);
                } else {
                    affected.receiverIds().addAll(receivers);
                }
            }
            triggers.unschedule(occurrence.id);
            boolean last = occurrences.count("broadcastId = ?1 and playAt > ?2", id, occurrence.playAt) == 0;
            if (last) {
                // the series waited on this one: its next instance (the EXDATE now skipped) takes the trigger
                cycle.scheduleNext(occurrence, now.toInstant());
            }
        }
        LOG.infof("Occurrence %s of broadcast %s cancelled by %s", localTime, id, user);
        return affected;
    }
}
