package vn.loaxa.schedule.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.loaxa.bulletin.service.VariantService;
import vn.loaxa.language.service.LanguageService;
import vn.loaxa.schedule.model.Broadcast;
import vn.loaxa.schedule.model.BroadcastRepository;

/**
 * Renders the bulletin variants a broadcast's receivers play before the transaction that records the broadcast or
 * its dispatch, so that FFmpeg never runs while a transaction (and its locks and connection) is open. Inside, the
 * variants are then only looked up. Every method must be called outside a transaction.
 */
@ApplicationScoped
public class VariantPreparation {
    private static final Logger LOG = Logger.getLogger(VariantPreparation.class);

    private final TargetResolver targets;
    private final BroadcastRepository broadcasts;
    private final LanguageService languages;
    private final VariantService variants;

    public VariantPreparation(
            TargetResolver targets,
            BroadcastRepository broadcasts,
            LanguageService languages,
            VariantService variants) {
        this.targets = targets;
        this.broadcasts = broadcasts;
        this.languages = languages;
        this.variants = variants;
    }

    /**
     * For a broadcast about to be created. Targets that cannot be resolved or reach no receiver, and audio that
     * cannot be rendered, are left to the creation, which reports them.
     */
    public void forTargets(
            UUID bulletinId,
            Collection<String> areaCodes,
            Collection<String> receiverIds,
            Collection<String> groupCodes) {
        Set<List<String>> profiles;
        try {
            profiles = QuarkusTransaction.requiringNew()
                    .call(() -> profiles(targets.receiverIds(areaCodes, receiverIds, groupCodes)));
        } catch (RuntimeException unresolved) {
            return;
        }
        if (!profiles.isEmpty()) {
            prepare(bulletinId, profiles);
        }
    }

    /** For an occurrence of the broadcast about to be dispatched, with its targets as they are now. */
    public void forBroadcast(UUID broadcastId) {
        record Wanted(UUID bulletinId, Set<List<String>> profiles) {}
        Wanted wanted = QuarkusTransaction.requiringNew().call(() -> {
            Broadcast broadcast = broadcasts.findById(broadcastId);
            if (broadcast == null || broadcast.airsStream() || broadcast.cancelledAt != null) {
                return null;
            }
            Set<List<String>> profiles = profiles(targets.receiverIds(broadcast));
            if (profiles.isEmpty()) {
                // nobody to play it now (a deleted group, an emptied area): its window is that of the shared segments
                profiles.add(List.of());
            }
            return new Wanted(broadcast.bulletinId, profiles);
        });
        if (wanted != null) {
            prepare(wanted.bulletinId(), wanted.profiles());
        }
    }

    /** A render that fails here fails again, and is reported, where the transaction needs the variant. */
    private void prepare(UUID bulletinId, Set<List<String>> profiles) {
        try {
            variants.prepare(bulletinId, profiles);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Cannot render the variants of bulletin %s ahead of its transaction", bulletinId);
        }
    }

    /** The distinct language profiles of the receivers. */
    private Set<List<String>> profiles(Set<String> receiverIds) {
        return new LinkedHashSet<>(languages.effectiveProfiles(receiverIds).values());
    }
}
