package vn.loaxa.dispatch.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.loaxa.area.service.AreaService;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.bulletin.model.Priority;
import vn.loaxa.bulletin.service.VariantService;
import vn.loaxa.delivery.model.Delivery;
import vn.loaxa.delivery.model.DeliveryRepository;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.language.service.LanguageService;
import vn.loaxa.receiver.model.ReceiverRepository;
import vn.loaxa.schedule.model.Broadcast;
import vn.loaxa.schedule.model.BroadcastRepository;
import vn.loaxa.schedule.model.Occurrence;
import vn.loaxa.schedule.model.OccurrenceRepository;
import vn.loaxa.schedule.service.ManifestScope;
import vn.loaxa.schedule.service.OccurrenceDispatch;
import vn.loaxa.schedule.service.TargetResolver;

/**
 * Sends one occurrence to its receivers: records a SCHEDULED delivery for each, naming the bulletin variant its
 * language profile plays, then publishes manifests. An occurrence for one area subtree whose content is the same for
 * every receiver goes out once, on the area's topic, with its deliveries recorded by one set-based insert
 * ({@link AreaGroups}); anything else goes in each receiver's own manifest. Communes that have not accepted a NORMAL broadcast from above
 * (see {@link WithheldCommunes}) are left out.
 */
@ApplicationScoped
public class DispatchService implements OccurrenceDispatch {
    private static final Logger LOG = Logger.getLogger(DispatchService.class);

    private final OccurrenceRepository occurrences;
    private final BroadcastRepository broadcasts;
    private final DeliveryRepository deliveries;
    private final TargetResolver targets;
    private final BulletinRepository bulletins;
    private final ReceiverRepository receivers;
    private final LanguageService languages;
    private final VariantService variants;
    private final WithheldCommunes inbox;
    private final AreaService areas;
    private final AreaGroups groups;
    private final PublishRetry retry;

    public DispatchService(
            OccurrenceRepository occurrences,
            BroadcastRepository broadcasts,
            DeliveryRepository deliveries,
            TargetResolver targets,
            BulletinRepository bulletins,
            ReceiverRepository receivers,
            LanguageService languages,
            VariantService variants,
            WithheldCommunes inbox,
            AreaService areas,
            AreaGroups groups,
            PublishRetry retry) {
        this.retry = retry;
        this.groups = groups;
        this.inbox = inbox;
        this.areas = areas;
        this.bulletins = bulletins;
        this.receivers = receivers;
        this.languages = languages;
        this.variants = variants;
        this.occurrences = occurrences;
        this.broadcasts = broadcasts;
        this.deliveries = deliveries;
        this.targets = targets;
    }

    /**
     * What a dispatch must publish: receivers' own manifests first, then area manifests; {@code marked} are the
     * occurrences marked publish-pending until it is done.
     */
    private record Publication(Set<String> receiverIds, Set<String> areaCodes, int deliveries, Set<UUID> marked) {
        static final Publication NOTHING = new Publication(Set.of(), Set.of(), 0, Set.of());

        Publication(Set<String> receiverIds, Set<String> areaCodes, int deliveries) {
            this(receiverIds, areaCodes, deliveries, new LinkedHashSet<>());
        }
    }

    public void dispatch(UUID occurrenceId) {
        dispatch(occurrenceId, () -> {});
    }

    /**
     * Records the dispatch and runs {@code inSameTransaction} (the series' next occurrence) in one transaction, then
     * publishes. A publish that fails leaves the occurrence marked for {@link PublishRetry}, so nothing that the
     * transaction recorded depends on the broker.
     */
    @Override
    public void dispatch(UUID occurrenceId, Runnable inSameTransaction) {
        Publication publication = QuarkusTransaction.requiringNew().call(() -> {
            Publication assigned = assign(occurrenceId, true);
            inSameTransaction.run();
            return assigned;
        });
        // receivers first: an occurrence moved off an area topic is in its receivers' manifests before it leaves
        retry.publish(publication.marked(), new ManifestScope(publication.receiverIds(), publication.areaCodes()));
        LOG.infof(
                "Dispatched occurrence %s to %d receivers (%d receiver manifests, area manifests %s)",
                occurrenceId,
                publication.deliveries(),
                publication.receiverIds().size(),
                publication.areaCodes());
    }

    /** Records an occurrence that could not air on any of its receivers, without sending anything. */
    public void recordMissed(UUID occurrenceId, String reason) {
        recordMissed(occurrenceId, reason, () -> {});
    }

    /** As {@link #recordMissed(UUID, String)}, running {@code inSameTransaction} in its transaction. */
    @Override
    public void recordMissed(UUID occurrenceId, String reason, Runnable inSameTransaction) {
        QuarkusTransaction.requiringNew().run(() -> {
            assign(occurrenceId, false);
            OffsetDateTime now = OffsetDateTime.now();
            for (Delivery delivery : deliveries.ofOccurrences(List.of(occurrenceId))) {
                delivery.close(DeliveryState.MISSED, reason, now);
            }
            inSameTransaction.run();
        });
    }

    private Publication assign(UUID occurrenceId, boolean publishing) {
        Occurrence occurrence = occurrences.findById(occurrenceId);
        if (occurrence == null || occurrence.cancelledAt != null) {
            LOG.warnf("Occurrence %s no longer exists or was cancelled; nothing to dispatch", occurrenceId);
            return Publication.NOTHING;
        }
        Broadcast broadcast = broadcasts.findById(occurrence.broadcastId);
        Bulletin bulletin = broadcast.airsStream() ? null : bulletins.findById(broadcast.bulletinId);
        Set<String> withheld = inbox.withheldCommunes(broadcast.id);
        OffsetDateTime now = OffsetDateTime.now();
        occurrence.dispatchedAt = now;
        Optional<String> area = groups.eligibleArea(broadcast, bulletin, withheld);
        if (area.isPresent()) {
            UUID media = bulletin == null ? null : groups.uniformVariant(area.get(), bulletin);
            int inserted = groups.insertDeliveries(occurrenceId, area.get(), media, now);
            occurrence.groupArea = area.get();
            occurrence.groupMediaId = media;
            Publication publication =
                    new Publication(new LinkedHashSet<>(), new LinkedHashSet<>(List.of(area.get())), inserted);
            return publishing
                    ? marked(occurrence, separateConflicts(occurrence, broadcast, bulletin, publication))
                    : publication;
        }
        Set<String> receiverIds = perReceiverDeliveries(occurrenceId, broadcast, bulletin, withheld, now);
        Publication publication =
                new Publication(new LinkedHashSet<>(receiverIds), new LinkedHashSet<>(), receiverIds.size());
        return publishing
                ? marked(occurrence, separateConflicts(occurrence, broadcast, bulletin, publication))
                : publication;
    }

    private Publication marked(Occurrence occurrence, Publication publication) {
        retry.mark(occurrence, publication.areaCodes(), occurrence.dispatchedAt);
        publication.marked().add(occurrence.id);
        return publication;
    }

    /**
     * Keeps area topics free of entries that the priority rule treats differently per receiver: when this occurrence
     * and another pending one overlap across the NORMAL line on a shared receiver, both travel in the receivers' own
     * manifests, where {@link PriorityPlacement} applies per receiver.
     */
    private Publication separateConflicts(
            Occurrence occurrence, Broadcast broadcast, Bulletin bulletin, Publication publication) {
        Priority priority = bulletin != null ? bulletin.priority : broadcast.relayPriority;
        List<AreaGroups.Conflict> conflicts = groups.conflicts(occurrence, priority, occurrence.dispatchedAt);
        if (conflicts.isEmpty()) {
            return publication;
        }
        Set<UUID> moved = new LinkedHashSet<>();
        for (AreaGroups.Conflict conflict : conflicts) {
            if (conflict.groupArea() != null) {
                Occurrence other = occurrences.findById(conflict.occurrenceId());
                other.groupArea = null;
                // until published, the moved occurrence is still on its area's retained manifest
                retry.mark(other, List.of(conflict.groupArea()), occurrence.dispatchedAt);
                publication.marked().add(other.id);
                publication.areaCodes().add(conflict.groupArea());
                moved.add(conflict.occurrenceId());
            }
        }
        if (occurrence.groupArea != null) {
            moved.add(occurrence.id);
            occurrence.groupArea = null;
        }
        if (!moved.isEmpty()) {
            publication.receiverIds().addAll(deliveries.receiverIdsOfOccurrences(moved));
        }
        LOG.infof(
                "Occurrence %s overlaps %d occurrences across priorities; %d of them now travel per receiver",
                occurrence.id, conflicts.size(), moved.size());
        return publication;
    }

    /** One delivery per receiver, naming the variant its language profile plays. */
    private Set<String> perReceiverDeliveries(
            UUID occurrenceId, Broadcast broadcast, Bulletin bulletin, Set<String> withheld, OffsetDateTime now) {
        Set<String> receiverIds = new LinkedHashSet<>(targets.receiverIds(broadcast));
        if (!withheld.isEmpty()) {
            // communes that have not accepted this NORMAL broadcast from above (single receivers stay targeted)
            receivers.idsInAreas(areas.subtreeCodes(List.copyOf(withheld))).stream()
                    .filter(id -> !broadcast.targetReceivers.contains(id))
                    .forEach(receiverIds::remove);
        }
        Set<String> existing = new HashSet<>(deliveries.receiverIdsOf(occurrenceId));
        List<String> added =
                receiverIds.stream().filter(id -> !existing.contains(id)).toList();
        Map<String, List<String>> profiles = bulletin == null ? Map.of() : languages.effectiveProfiles(added);
        for (String receiverId : added) {
            Delivery delivery = Delivery.scheduled(occurrenceId, receiverId, now);
            if (bulletin != null) {
                delivery.mediaId = variants.variantFor(
                                bulletin, profiles.getOrDefault(receiverId, LanguageService.DEFAULT_PROFILE))
                        .id;
            }
            deliveries.persist(delivery);
        }
        return receiverIds;
    }
}
