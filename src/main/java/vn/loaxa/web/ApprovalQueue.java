package vn.loaxa.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.SecurityContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.bulletin.api.BulletinView;
import vn.loaxa.bulletin.model.BulletinStatus;
import vn.loaxa.bulletin.service.BulletinService;
import vn.loaxa.language.api.LanguageView;
import vn.loaxa.language.service.LanguageService;
import vn.loaxa.media.api.MediaView;
import vn.loaxa.media.service.MediaService;

/**
 * The library's approval queue: the submitted bulletins, each with its segments to listen to, who submitted it, and
 * what the viewer may do with it. Approve and reject are offered only to a person whose role approves, whose area
 * covers the bulletin and whom the four-eyes rule lets decide ({@link BulletinService#mayReview}); its author sees
 * that it waits for someone else.
 */
@ApplicationScoped
public class ApprovalQueue {
    /** The language of a segment that every receiver plays (chimes, music). */
    private static final String ALL_LANGUAGES = "ALL";

    private final BulletinService bulletins;
    private final MediaService media;
    private final LanguageService languages;

    public ApprovalQueue(BulletinService bulletins, MediaService media, LanguageService languages) {
        this.bulletins = bulletins;
        this.media = media;
        this.languages = languages;
    }

    /**
     * One submitted bulletin. {@code mayDecide}: the approve and reject forms are shown; {@code ownWork}: the viewer
     * approves, but wrote, edited or submitted it, so another approver must decide.
     */
    public record Entry(
            BulletinView bulletin,
            String submittedBy,
            OffsetDateTime submittedAt,
            String note,
            List<Item> segments,
            boolean mayDecide,
            boolean ownWork) {}

    /** One segment to listen to; {@code languageName} is null for a segment in every language. */
    public record Item(String language, String languageName, String title, String audioUrl, String mp3Url) {}

    /** The queue among {@code all} (the bulletins the viewer may read), in the viewer's language. */
    public List<Entry> of(List<BulletinView> all, String lang, SecurityContext security, AccessGuard guard) {
        List<BulletinView> submitted =
                all.stream().filter(b -> b.status() == BulletinStatus.SUBMITTED).toList();
        if (submitted.isEmpty()) {
            return List.of();
        }
        String user = security.getUserPrincipal().getName();
        boolean approver = security.isUserInRole(Roles.APPROVE);
        Map<String, String> names = languages.catalogue().stream()
                .collect(Collectors.toMap(
                        LanguageView::code, l -> Ui.ENGLISH.equals(lang) ? l.nameEn() : l.nameVi(), (a, b) -> a));
        return submitted.stream()
                .map(b -> {
                    BulletinView.TransitionView submission = b.history().stream()
                            .filter(t -> t.to() == BulletinStatus.SUBMITTED)
                            .reduce((first, second) -> second)
                            .orElse(null);
                    boolean inArea = guard.scope().mayChange(guard.pathOf(bulletins.ownerArea(b.id())));
                    boolean secondPerson = bulletins.mayReview(b.id(), user);
                    return new Entry(
                            b,
                            submission == null ? null : submission.by(),
                            submission == null ? null : submission.at(),
                            submission == null ? null : submission.reason(),
                            b.segments().stream().map(s -> item(s, names)).toList(),
                            approver && inArea && secondPerson,
                            approver && inArea && !secondPerson);
                })
                .toList();
    }

    private Item item(BulletinView.SegmentView segment, Map<String, String> names) {
        MediaView m = media.get(segment.mediaId());
        String language = segment.language();
        String name = ALL_LANGUAGES.equals(language) ? null : names.getOrDefault(language, language);
        return new Item(language, name, m.title(), m.audioUrl(), m.mp3Url());
    }
}
