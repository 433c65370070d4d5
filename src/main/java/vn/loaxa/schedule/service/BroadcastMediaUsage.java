package vn.loaxa.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import vn.loaxa.media.service.MediaUsage;
import vn.loaxa.schedule.model.OccurrenceRepository;

/**
 * A media item is in use while an airing of a broadcast plays it, even after the bulletin's variants were rendered
 * anew; the airing is named by its bulletin's title.
 */
@ApplicationScoped
public class BroadcastMediaUsage implements MediaUsage {
    private final OccurrenceRepository occurrences;

    public BroadcastMediaUsage(OccurrenceRepository occurrences) {
        this.occurrences = occurrences;
    }

    @Override
    public List<String> usersOf(UUID mediaId) {
        return occurrences
                .find(
                        "select distinct bu.title from Occurrence o, Broadcast b, Bulletin bu"
                                + " where (o.mediaId = ?1 or o.groupMediaId = ?1)"
                                + " and o.broadcastId = b.id and b.bulletinId = bu.id",
                        mediaId)
                .project(String.class)
                .list();
    }
}
