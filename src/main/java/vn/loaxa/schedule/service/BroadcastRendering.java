package vn.loaxa.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import vn.loaxa.media.model.Media;
import vn.loaxa.schedule.api.BroadcastRequest;
import vn.loaxa.schedule.service.BroadcastValidation.ValidBroadcast;

/**
 * The rendering step of creating a broadcast: the variants its receivers play are rendered before the transaction
 * ({@link #prepare}), and inside it only looked up to find the longest, whose duration sets the occurrence window.
 */
@ApplicationScoped
public class BroadcastRendering {
    private final VariantPreparation variantPreparation;
    private final OccurrenceFactory factory;

    public BroadcastRendering(VariantPreparation variantPreparation, OccurrenceFactory factory) {
        this.variantPreparation = variantPreparation;
        this.factory = factory;
    }

    /** What the broadcast airs and for how long: the longest variant, or nothing and the relay's window. */
    public record Airtime(Media audio, Duration length) {}

    /** Renders, before any transaction, the variants of the bulletin a request names for its targets. */
    public void prepare(BroadcastRequest request) {
        if (request.relay() == null && request.bulletinId() != null && request.targets() != null) {
            variantPreparation.forTargets(
                    request.bulletinId(),
                    request.targets().areasOrEmpty(),
                    request.targets().receiversOrEmpty(),
                    request.targets().groupsOrEmpty());
        }
    }

    /** Renders (or, once prepared, finds) every variant the targets play now, so that the window is exact. */
    public Airtime airtime(ValidBroadcast valid) {
        if (valid.bulletin() == null) {
            BroadcastRequest request = valid.request();
            return new Airtime(
                    null,
                    request.live() != null
                            ? request.live().window()
                            : request.relay().window());
        }
        Media audio = factory.longestVariant(valid.bulletin(), valid.receivers());
        return new Airtime(audio, Duration.ofMillis(audio.durationMs));
    }
}
