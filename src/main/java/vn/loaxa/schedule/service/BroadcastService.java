package vn.loaxa.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import vn.loaxa.bulletin.service.VariantService;
import vn.loaxa.language.service.LanguageService;
import vn.loaxa.receiver.model.ReceiverRepository;
import java.util.List;
import java.util.UUID;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.bulletin.model.BulletinStatus;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.media.model.Media;
import vn.loaxa.media.model.MediaRepository;
import vn.loaxa.schedule.api.BroadcastRequest;
import vn.loaxa.schedule.api.BroadcastView;
import vn.loaxa.schedule.model.Broadcast;
import vn.loaxa.schedule.model.BroadcastRepository;
import vn.loaxa.schedule.model.Occurrence;
import vn.loaxa.schedule.model.OccurrenceRepository;

@ApplicationScoped
public class BroadcastService {
    /** How long after its last possible end an unconfirmed delivery is still given before it is MISSED. */
    private static final long CONFIRMATION_MARGIN_SECONDS = 60;

    private final BroadcastRepository broadcasts;
    private final OccurrenceRepository occurrences;
    private final BulletinRepository bulletins;
    private final MediaRepository media;
    private final TargetResolver targets;
    private final OccurrenceTriggers triggers;
    private final ScheduleConfig config;
    private final ReceiverRepository receivers;
    private final LanguageService languages;
    private final VariantService variants;

    public BroadcastService(BroadcastRepository broadcasts, OccurrenceRepository occurrences,
            BulletinRepository bulletins, MediaRepository media, TargetResolver targets, OccurrenceTriggers triggers,
            ScheduleConfig config, ReceiverRepository receivers, LanguageService languages, VariantService variants) {
        this.receivers = receivers;
        this.languages = languages;
        this.variants = variants;
        this.broadcasts = broadcasts;
        this.occurrences = occurrences;
        this.bulletins = bulletins;
        this.media = media;
        this.targets = targets;
        this.triggers = triggers;
        this.config = config;
    }

    @Transactional
    public BroadcastView create(BroadcastRequest request, String user) {
        Instant now = Instant.now();
        Instant playAt = request.startAt().toInstant();
        if (playAt.isBefore(now.minus(config.pastStartTolerance()))) {
            throw new InvalidRequestException("startAt", "startAt " + request.startAt() + " is in the past (server time is "
                    + now + "); choose a time from now on");
        }
        Bulletin bulletin = bulletins.findByIdOptional(request.bulletinId())
                .orElseThrow(() -> NotFoundException.referenced("Bulletin", request.bulletinId()));
        if (bulletin.status != BulletinStatus.APPROVED) {
            throw new ConflictException("Bulletin '" + bulletin.id + "' is " + bulletin.status
                    + "; only APPROVED bulletins can be scheduled. Submit it and have an editor approve it first");
        }
        List<String> areaCodes = request.targets().areasOrEmpty();
        List<String> receiverIds = request.targets().receiversOrEmpty();
        if (areaCodes.isEmpty() && receiverIds.isEmpty()) {
            throw new InvalidRequestException("targets", "Name at least one area code or receiver id in targets");
        }
        Set<String> targeted = targets.receiverIds(areaCodes, receiverIds);
        if (targeted.isEmpty()) {
            throw new InvalidRequestException("targets", "No receiver is registered in the targeted areas");
        }
        // render every variant the targets play now, so that the longest duration (and the window) is exact
        Map<List<String>, Media> rendered = new HashMap<>();
        for (String receiverId : targeted) {
            List<String> profile = languages.effective(receivers.findById(receiverId)).languages();
            rendered.computeIfAbsent(VariantService.languagesFor(bulletin, profile),
                    chosen -> variants.variantFor(bulletin, chosen));
        }
        Media audio = rendered.values().stream().max(Comparator.comparingLong(m -> m.durationMs)).orElseThrow();

        Broadcast broadcast = new Broadcast();
        broadcast.id = UUID.randomUUID();
        broadcast.bulletinId = bulletin.id;
        broadcast.startAt = request.startAt().withOffsetSameInstant(ZoneOffset.UTC);
        broadcast.targetAreas.addAll(areaCodes);
        broadcast.targetReceivers.addAll(receiverIds);
        broadcast.createdBy = user;
        broadcast.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        broadcasts.persist(broadcast);

        Occurrence occurrence = new Occurrence();
        occurrence.id = UUID.randomUUID();
        occurrence.broadcastId = broadcast.id;
        occurrence.playAt = broadcast.startAt;
        occurrence.expiresAt = occurrence.playAt.plus(config.lateStartGrace());
        occurrence.windowEnd = occurrence.expiresAt.plusNanos(audio.durationMs * 1_000_000)
                .plusSeconds(CONFIRMATION_MARGIN_SECONDS);
        occurrence.mediaId = audio.id;
        occurrences.persist(occurrence);

        Instant fireAt = playAt.minus(config.dispatchHorizon());
        triggers.schedule(occurrence.id, fireAt.isBefore(now) ? now : fireAt);
        return view(broadcast, bulletin, List.of(occurrence));
    }

    @Transactional
    public BroadcastView get(UUID id) {
        Broadcast broadcast = broadcasts.findByIdOptional(id).orElseThrow(() -> NotFoundException.of("Broadcast", id));
        return view(broadcast, bulletins.findById(broadcast.bulletinId), occurrences.ofBroadcast(id));
    }

    @Transactional
    public List<BroadcastView> recent(int limit) {
        List<BroadcastView> views = new ArrayList<>();
        for (Broadcast b : broadcasts.find("order by startAt desc").page(0, limit).list()) {
            views.add(view(b, bulletins.findById(b.bulletinId), occurrences.ofBroadcast(b.id)));
        }
        return views;
    }

    private static BroadcastView view(Broadcast b, Bulletin bulletin, List<Occurrence> occurrences) {
        return new BroadcastView(b.id, b.bulletinId, bulletin == null ? null : bulletin.title, b.startAt,
                List.copyOf(b.targetAreas), List.copyOf(b.targetReceivers),
                occurrences.stream().map(o -> new BroadcastView.OccurrenceView(o.id, o.playAt, o.expiresAt,
                        o.dispatchedAt)).toList(),
                b.createdAt);
    }
}
