package vn.loaxa.bulletin.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import vn.loaxa.bulletin.api.BulletinRequest;
import vn.loaxa.bulletin.api.BulletinView;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.bulletin.model.Segment;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.media.model.Media;
import vn.loaxa.media.model.MediaRepository;
import vn.loaxa.media.model.MediaStatus;

@ApplicationScoped
public class BulletinService {
    private final BulletinRepository bulletins;
    private final MediaRepository media;

    public BulletinService(BulletinRepository bulletins, MediaRepository media) {
        this.bulletins = bulletins;
        this.media = media;
    }

    @Transactional
    public BulletinView create(BulletinRequest request, String user) {
        Bulletin bulletin = new Bulletin();
        bulletin.id = UUID.randomUUID();
        bulletin.title = request.title().strip();
        bulletin.topic = request.topic().strip();
        bulletin.priority = request.priority();
        for (BulletinRequest.SegmentRequest segment : request.segments()) {
            Media item = media.findByIdOptional(segment.mediaId())
                    .orElseThrow(() -> NotFoundException.referenced("Media", segment.mediaId()));
            if (item.status != MediaStatus.READY) {
                throw new InvalidRequestException("segments", "Media '" + item.id + "' is " + item.status
                        + ", not READY; only processed media can go into a bulletin");
            }
            bulletin.segments.add(new Segment(item.id, segment.language()));
        }
        bulletin.createdBy = user;
        bulletin.createdAt = OffsetDateTime.now();
        bulletins.persist(bulletin);
        return view(bulletin);
    }

    @Transactional
    public BulletinView get(UUID id) {
        return view(bulletins.findByIdOptional(id).orElseThrow(() -> NotFoundException.of("Bulletin", id)));
    }

    @Transactional
    public List<BulletinView> list() {
        return bulletins.listAll().stream().map(BulletinService::view).toList();
    }

    private static BulletinView view(Bulletin b) {
        return new BulletinView(b.id, b.title, b.topic, b.priority,
                b.segments.stream().map(s -> new BulletinView.SegmentView(s.mediaId, s.language)).toList(),
                b.createdAt);
    }
}
