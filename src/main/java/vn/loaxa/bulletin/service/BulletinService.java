package vn.loaxa.bulletin.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import vn.loaxa.access.OwnerFilter;
import vn.loaxa.access.Scope;
import vn.loaxa.account.service.AccountAreas;
import vn.loaxa.bulletin.api.BulletinRequest;
import vn.loaxa.bulletin.api.BulletinView;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.bulletin.model.BulletinStatus;
import vn.loaxa.bulletin.model.BulletinTransition;
import vn.loaxa.bulletin.model.BulletinTransitionRepository;
import vn.loaxa.bulletin.model.Segment;
import vn.loaxa.bulletin.model.Topic;
import vn.loaxa.bulletin.model.TopicRepository;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.common.error.NotPermittedException;
import vn.loaxa.common.text.SearchText;
import vn.loaxa.media.model.Media;
import vn.loaxa.media.model.MediaRepository;
import vn.loaxa.media.model.MediaStatus;

/** Bulletins and their approval: every change of state is recorded with who, when and why. */
@ApplicationScoped
public class BulletinService {
    private final BulletinRepository bulletins;
    private final BulletinTransitionRepository transitions;
    private final TopicRepository topics;
    private final MediaRepository media;
    private final VariantService variants;

    private final AccountAreas owners;
    private final FourEyesRule fourEyes;

    public BulletinService(
            BulletinRepository bulletins,
            BulletinTransitionRepository transitions,
            TopicRepository topics,
            MediaRepository media,
            VariantService variants,
            AccountAreas owners,
            FourEyesRule fourEyes) {
        this.owners = owners;
        this.fourEyes = fourEyes;
        this.variants = variants;
        this.bulletins = bulletins;
        this.transitions = transitions;
        this.topics = topics;
        this.media = media;
    }

    @Transactional
    public BulletinView create(BulletinRequest request, String user) {
        Bulletin bulletin = new Bulletin();
        bulletin.id = UUID.randomUUID();
        bulletin.createdBy = user;
        bulletin.ownerArea = owners.areaOf(user);
        bulletin.createdAt = OffsetDateTime.now();
        apply(bulletin, request);
        bulletin.status = BulletinStatus.DRAFT;
        bulletins.persist(bulletin);
        record(bulletin, null, BulletinStatus.DRAFT, user, "created");
        return view(bulletin);
    }

    /**
     * Replaces the content; an edited bulletin goes back to DRAFT and must be approved again. Every edit is recorded,
     * a draft's too, because whoever edits a bulletin counts as one of its authors under the four-eyes rule.
     */
    @Transactional
    public BulletinView update(UUID id, BulletinRequest request, String user) {
        Bulletin bulletin = find(id);
        apply(bulletin, request);
        variants.invalidate(bulletin.id);
        record(bulletin, bulletin.status, BulletinStatus.DRAFT, user, "edited");
        bulletin.status = BulletinStatus.DRAFT;
        return view(bulletin);
    }

    @Transactional
    public BulletinView submit(UUID id, String user, String note) {
        return move(find(id), BulletinStatus.SUBMITTED, user, note);
    }

    /** Approval by a second person: see {@link FourEyesRule}. */
    @Transactional
    public BulletinView approve(UUID id, String user, String note) {
        return move(find(id), BulletinStatus.APPROVED, user, note);
    }

    @Transactional
    public BulletinView reject(UUID id, String user, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException("reason", ErrorMessage.of("bulletin.reason-required"));
        }
        return move(find(id), BulletinStatus.REJECTED, user, reason);
    }

    @Transactional
    public BulletinView get(UUID id) {
        return view(find(id));
    }

    /**
     * Whether the four-eyes rule lets {@code user} approve or reject the bulletin (their role and area aside): false
     * when they wrote, edited or submitted it and the rule holds for its area.
     */
    @Transactional
    public boolean mayReview(UUID id, String user) {
        Bulletin bulletin = find(id);
        return fourEyes.allows(bulletin, transitions.ofBulletin(id), user);
    }

    @Transactional
    public List<BulletinView> list() {
        return list(Scope.NATIONWIDE);
    }

    /** The bulletins the scope may read. */
    @Transactional
    public List<BulletinView> list(Scope scope) {
        OwnerFilter filter = OwnerFilter.readableBy(scope);
        return bulletins.list(filter.jpql(), filter.parameters()).stream()
                .map(this::view)
                .toList();
    }

    /** The languages the bulletin has segments in, the ALL segments aside. */
    @Transactional
    public java.util.Set<String> languages(UUID id) {
        return find(id).segments.stream()
                .map(s -> s.language)
                .filter(language -> !VariantService.ALL.equals(language))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * Adds an accepted reading as the bulletin's segment in its language, after the language segments already there
     * (before trailing ALL segments such as a closing chime). The status stays as it is, an approved bulletin stays
     * approved: the reviewer's acceptance approves the new segment, and the approval history records it. The
     * rendered variants are forgotten, so that the next broadcast plays the new language.
     */
    @Transactional
    public void addReading(UUID id, UUID mediaId, String language, String actor, String note) {
        Bulletin bulletin = find(id);
        if (bulletin.segments.stream().anyMatch(s -> language.equals(s.language))) {
            throw new ConflictException(ErrorMessage.of("translation.bulletin-has-language", bulletin.title, language));
        }
        int at = bulletin.segments.size();
        while (at > 0 && VariantService.ALL.equals(bulletin.segments.get(at - 1).language)) {
            at--;
        }
        bulletin.segments.add(at, new Segment(mediaId, language));
        variants.invalidate(bulletin.id);
        record(bulletin, bulletin.status, bulletin.status, actor, note);
    }

    /** The area that owns the bulletin; null when it was made nationally. */
    @Transactional
    public String ownerArea(UUID id) {
        return find(id).ownerArea;
    }

    @Transactional
    public List<Topic> topics() {
        return topics.listAll().stream()
                .sorted(java.util.Comparator.comparing(t -> t.code))
                .toList();
    }

    private BulletinView move(Bulletin bulletin, BulletinStatus to, String user, String reason) {
        if (!bulletin.status.next().contains(to)) {
            throw new ConflictException(ErrorMessage.of(
                    bulletin.status.next().isEmpty() ? "bulletin.final-status" : "bulletin.wrong-status",
                    bulletin.id,
                    bulletin.status.toString(),
                    to.toString(),
                    bulletin.status.next().toString(),
                    ErrorMessage.of("bulletin.status." + bulletin.status),
                    ErrorMessage.of("bulletin.status." + to)));
        }
        if ((to == BulletinStatus.APPROVED || to == BulletinStatus.REJECTED)
                && !fourEyes.allows(bulletin, transitions.ofBulletin(bulletin.id), user)) {
            throw new NotPermittedException(ErrorMessage.of(
                    to == BulletinStatus.APPROVED ? "bulletin.four-eyes.approve" : "bulletin.four-eyes.reject",
                    bulletin.title));
        }
        record(bulletin, bulletin.status, to, user, reason);
        bulletin.status = to;
        return view(bulletin);
    }

    private void apply(Bulletin bulletin, BulletinRequest request) {
        Topic topic = topics.byCodeOrName(request.topic())
                .orElseThrow(() -> new InvalidRequestException(
                        "topic", ErrorMessage.of("bulletin.unknown-topic", request.topic())));
        bulletin.title = request.title().strip();
        bulletin.topic = topic.nameVi;
        bulletin.sourceAgency =
                request.sourceAgency() == null || request.sourceAgency().isBlank()
                        ? null
                        : request.sourceAgency().strip();
        bulletin.priority = request.priority();
        bulletin.segments.clear();
        for (BulletinRequest.SegmentRequest segment : request.segments()) {
            Media item = media.findByIdOptional(segment.mediaId())
                    .orElseThrow(() -> NotFoundException.referenced("Media", segment.mediaId()));
            if (item.status != MediaStatus.READY) {
                throw new InvalidRequestException(
                        "segments",
                        ErrorMessage.of("bulletin.media-not-ready", item.id, item.status.toString(), item.title));
            }
            bulletin.segments.add(new Segment(item.id, segment.language()));
        }
        bulletin.searchText = SearchText.document(bulletin.title, bulletin.topic, bulletin.sourceAgency);
    }

    private void record(Bulletin bulletin, BulletinStatus from, BulletinStatus to, String user, String reason) {
        BulletinTransition transition = new BulletinTransition();
        transition.bulletinId = bulletin.id;
        transition.fromStatus = from;
        transition.toStatus = to;
        transition.actor = user;
        transition.reason = reason == null || reason.isBlank() ? null : reason.strip();
        transition.occurredAt = OffsetDateTime.now();
        transitions.persist(transition);
    }

    private Bulletin find(UUID id) {
        return bulletins.findByIdOptional(id).orElseThrow(() -> NotFoundException.of("Bulletin", id));
    }

    private BulletinView view(Bulletin b) {
        return new BulletinView(
                b.id,
                b.title,
                b.topic,
                b.sourceAgency,
                b.priority,
                b.status,
                b.segments.stream()
                        .map(s -> new BulletinView.SegmentView(s.mediaId, s.language))
                        .toList(),
                transitions.ofBulletin(b.id).stream()
                        .map(t -> new BulletinView.TransitionView(
                                t.fromStatus, t.toStatus, t.actor, t.occurredAt, t.reason))
                        .toList(),
                b.createdAt);
    }
}
