package vn.loaxa.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.bulletin.service.VariantService;
import vn.loaxa.language.service.LanguageService;
import vn.loaxa.media.model.Media;
import vn.loaxa.schedule.model.Broadcast;
import vn.loaxa.schedule.model.Occurrence;
import vn.loaxa.schedule.model.OccurrenceRepository;

/** Materialises the instances of a broadcast as occurrence rows. Must run inside a transaction. */
@ApplicationScoped
public class OccurrenceFactory {
    /** How long after its last possible end an unconfirmed delivery is still given before it is MISSED. */
    private static final long CONFIRMATION_MARGIN_SECONDS = 60;

    private final OccurrenceRepository occurrences;
    private final BulletinRepository bulletins;
    private final LanguageService languages;
    private final VariantService variants;
    private final TargetResolver targets;

    public OccurrenceFactory(
            OccurrenceRepository occurrences,
            BulletinRepository bulletins,
            LanguageService languages,
            VariantService variants,
            TargetResolver targets) {
        this.occurrences = occurrences;
        this.bulletins = bulletins;
        this.languages = languages;
        this.variants = variants;
        this.targets = targets;
    }

    public Recurrence recurrence(Broadcast broadcast) {
        return Recurrence.of(broadcast.startAt.toInstant(), broadcast.timeZone, broadcast.rrule, broadcast.exdates);
    }

    /** The occurrence of {@code broadcast} playing at {@code playAt}, created when it does not exist yet. */
    public Occurrence occurrence(Broadcast broadcast, Instant playAt) {
        return occurrence(broadcast, playAt, null);
    }

    /** As {@link #occurrence(Broadcast, Instant)}, with the longest variant when the caller has it already. */
    public Occurrence occurrence(Broadcast broadcast, Instant playAt, Media longest) {
        var existing = occurrences
                .find("broadcastId = ?1 and playAt = ?2", broadcast.id, playAt.atOffset(ZoneOffset.UTC))
                .firstResultOptional();
        if (existing.isPresent()) {
            return existing.get();
        }
        Media audio = longest != null || broadcast.airsStream() ? longest : audioOf(broadcast);
        long lengthMs = audio == null ? broadcast.relayWindowSeconds * 1000L : audio.durationMs;
        Occurrence occurrence = new Occurrence();
        occurrence.id = UUID.randomUUID();
        occurrence.broadcastId = broadcast.id;
        occurrence.playAt = playAt.atOffset(ZoneOffset.UTC);
        if (broadcast.liveSessionId != null) {
            // a receiver may join a live session at any moment until it ends: the join window is the session
            occurrence.expiresAt = occurrence.playAt.plusNanos(lengthMs * 1_000_000);
            occurrence.windowEnd = occurrence.expiresAt.plusSeconds(CONFIRMATION_MARGIN_SECONDS);
        } else {
            occurrence.expiresAt = occurrence.playAt.plusSeconds(broadcast.lateStartGraceSeconds);
            occurrence.windowEnd =
                    occurrence.expiresAt.plusNanos(lengthMs * 1_000_000).plusSeconds(CONFIRMATION_MARGIN_SECONDS);
        }
        occurrence.mediaId = audio == null ? null : audio.id;
        occurrences.persist(occurrence);
        return occurrence;
    }

    /** How long one airing lasts: the relay window, or the longest variant the current targets play. */
    public java.time.Duration lengthOf(Broadcast broadcast) {
        return broadcast.airsStream()
                ? java.time.Duration.ofSeconds(broadcast.relayWindowSeconds)
                : java.time.Duration.ofMillis(audioOf(broadcast).durationMs);
    }

    /** The longest variant the broadcast's current targets play, which sets the length of its window. */
    public Media audioOf(Broadcast broadcast) {
        return longestVariant(bulletins.findById(broadcast.bulletinId), targets.receiverIds(broadcast));
    }

    /** Renders (once per language set) every variant the receivers play and returns the longest. */
    public Media longestVariant(Bulletin bulletin, Set<String> receiverIds) {
        Map<List<String>, Media> rendered = new HashMap<>();
        if (receiverIds.isEmpty()) {
            // nobody to play it now (a deleted group, an emptied area): the window is that of the shared segments
            return variants.variantFor(bulletin, List.of());
        }
        for (List<String> profile :
                new HashSet<>(languages.effectiveProfiles(receiverIds).values())) {
            rendered.computeIfAbsent(
                    VariantService.languagesFor(bulletin, profile), chosen -> variants.variantFor(bulletin, chosen));
        }
        return rendered.values().stream()
                .max(Comparator.comparingLong(m -> m.durationMs))
                .orElseThrow();
    }
}
