package vn.loaxa.dispatch.service;

import vn.loaxa.area.service.AreaService;
import vn.loaxa.inbox.service.InboxRouting;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.bulletin.service.VariantService;
import vn.loaxa.language.service.LanguageService;
import vn.loaxa.receiver.model.ReceiverRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.loaxa.delivery.model.Delivery;
import vn.loaxa.delivery.model.DeliveryRepository;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.schedule.model.Broadcast;
import vn.loaxa.schedule.model.BroadcastRepository;
import vn.loaxa.schedule.model.Occurrence;
import vn.loaxa.schedule.model.OccurrenceRepository;
import vn.loaxa.schedule.service.TargetResolver;

/**
 * Sends one occurrence to its receivers: records a SCHEDULED delivery for each, naming the bulletin variant its
 * language profile plays, then publishes manifests. Communes that have not accepted a NORMAL broadcast from above
 * (see {@link InboxRouting}) are left out.
 */
@ApplicationScoped
public class DispatchService {
    private static final Logger LOG = Logger.getLogger(DispatchService.class);

    private final OccurrenceRepository occurrences;
    private final BroadcastRepository broadcasts;
    private final DeliveryRepository deliveries;
    private final TargetResolver targets;
    private final ManifestPublisher manifests;
    private final BulletinRepository bulletins;
    private final ReceiverRepository receivers;
    private final LanguageService languages;
    private final VariantService variants;
    private final InboxRouting inbox;
    private final AreaService areas;

    public DispatchService(OccurrenceRepository occurrences, BroadcastRepository broadcasts,
            DeliveryRepository deliveries, TargetResolver targets, ManifestPublisher manifests,
            BulletinRepository bulletins, ReceiverRepository receivers, LanguageService languages,
            VariantService variants, InboxRouting inbox, AreaService areas) {
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
        this.manifests = manifests;
    }

    public void dispatch(UUID occurrenceId) {
        List<String> receiverIds = QuarkusTransaction.requiringNew().call(() -> assign(occurrenceId));
        manifests.publishFor(receiverIds);
        LOG.infof("Dispatched occurrence %s to %d receivers", occurrenceId, receiverIds.size());
    }

    /** Records an occurrence that could not air on any of its receivers, without sending anything. */
    public void recordMissed(UUID occurrenceId, String reason) {
        QuarkusTransaction.requiringNew().run(() -> {
            assign(occurrenceId);
            OffsetDateTime now = OffsetDateTime.now();
            for (Delivery delivery : deliveries.ofOccurrences(List.of(occurrenceId))) {
                delivery.close(DeliveryState.MISSED, reason, now);
            }
        });
    }

    private List<String> assign(UUID occurrenceId) {
        Occurrence occurrence = occurrences.findById(occurrenceId);
        if (occurrence == null || occurrence.cancelledAt != null) {
            LOG.warnf("Occurrence %s no longer exists or was cancelled; nothing to dispatch", occurrenceId);
            return List.of();
        }
        Broadcast broadcast = broadcasts.findById(occurrence.broadcastId);
        Set<String> receiverIds = new LinkedHashSet<>(
                targets.receiverIds(broadcast));
        Set<String> withheld = inbox.withheldCommunes(broadcast.id);
        if (!withheld.isEmpty()) {
            // communes that have not accepted this NORMAL broadcast from above (single receivers stay targeted)
            receivers.idsInAreas(areas.subtreeCodes(List.copyOf(withheld))).stream()
                    .filter(id -> !broadcast.targetReceivers.contains(id)).forEach(receiverIds::remove);
        }
        Set<String> existing = new HashSet<>(deliveries.receiverIdsOf(occurrenceId));
        OffsetDateTime now = OffsetDateTime.now();
        Bulletin bulletin = broadcast.relays() ? null : bulletins.findById(broadcast.bulletinId);
        for (String receiverId : receiverIds) {
            if (!existing.contains(receiverId)) {
                Delivery delivery = Delivery.scheduled(occurrenceId, receiverId, now);
                if (bulletin != null) {
                    delivery.mediaId = variants.variantFor(bulletin,
                            languages.effective(receivers.findById(receiverId)).languages()).id;
                }
                deliveries.persist(delivery);
            }
        }
        occurrence.dispatchedAt = now;
        return List.copyOf(receiverIds);
    }
}
