package vn.loaxa.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.media.model.Media;
import vn.loaxa.media.model.MediaRepository;
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
    private final MediaRepository media;

    public OccurrenceFactory(OccurrenceRepository occurrences, BulletinRepository bulletins, MediaRepository media) {
        this.occurrences = occurrences;
        this.bulletins = bulletins;
        this.media = media;
    }

    public Recurrence recurrence(Broadcast broadcast) {
        return Recurrence.of(broadcast.startAt.toInstant(), broadcast.timeZone, broadcast.rrule, broadcast.exdates);
    }

    /** The occurrence of {@code broadcast} playing at {@code playAt}, created when it does not exist yet. */
    public Occurrence occurrence(Broadcast broadcast, Instant playAt) {
        var existing = occurrences.find("broadcastId = ?1 and playAt = ?2", broadcast.id, playAt.atOffset(ZoneOffset.UTC))
                .firstResultOptional();
        if (existing.isPresent()) {
            return existing.get();
        }
        Media audio = audioOf(broadcast);
        Occurrence occurrence = new Occurrence();
        occurrence.id = UUID.randomUUID();
        occurrence.broadcastId = broadcast.id;
        occurrence.playAt = playAt.atOffset(ZoneOffset.UTC);
        occurrence.expiresAt = occurrence.playAt.plusSeconds(broadcast.lateStartGraceSeconds);
        occurrence.windowEnd = occurrence.expiresAt.plusNanos(audio.durationMs * 1_000_000)
                .plusSeconds(CONFIRMATION_MARGIN_SECONDS);
        occurrence.mediaId = audio.id;
        occurrences.persist(occurrence);
        return occurrence;
    }

    public Media audioOf(Broadcast broadcast) {
        Bulletin bulletin = bulletins.findById(broadcast.bulletinId);
        return media.findById(bulletin.segments.get(0).mediaId);
    }
}
