package vn.loaxa.bulletin.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.media.service.MediaUsage;

/** A media item is in use while a bulletin has it as a segment, or as one of its rendered language variants. */
@ApplicationScoped
public class BulletinMediaUsage implements MediaUsage {
    private final BulletinRepository bulletins;

    public BulletinMediaUsage(BulletinRepository bulletins) {
        this.bulletins = bulletins;
    }

    @Override
    public List<String> usersOf(UUID mediaId) {
        Set<String> titles = new LinkedHashSet<>();
        titles.addAll(bulletins
                .find("select distinct b.title from Bulletin b join b.segments s where s.mediaId = ?1", mediaId)
                .project(String.class)
                .list());
        titles.addAll(bulletins
                .find(
                        "select distinct b.title from Bulletin b, BulletinVariant v"
                                + " where v.key.bulletinId = b.id and v.mediaId = ?1",
                        mediaId)
                .project(String.class)
                .list());
        return List.copyOf(titles);
    }
}
