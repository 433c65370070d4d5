package vn.loaxa.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.bulletin.api.BulletinView;
import vn.loaxa.bulletin.service.BulletinService;
import vn.loaxa.bulletin.service.VariantService;
import vn.loaxa.language.api.LanguageView;
import vn.loaxa.language.service.LanguageService;
import vn.loaxa.media.api.MediaView;
import vn.loaxa.media.model.MediaStatus;
import vn.loaxa.media.service.MediaService;
import vn.loaxa.translation.service.TranslationService;

/**
 * Media and bulletins: upload (progress and processing state), text to speech, bulletins with their segments and
 * language variants, and the approval queue. The forms post JSON to the API from the page (see loaxa.js). Every item
 * has a player; languages are chosen by their names from the catalogue; the variants the server renders are shown
 * under their bulletins, not in the media list.
 */
@Path("/library")
@RolesAllowed({Roles.VIEW, Roles.AUTHOR})
public class LibraryPage {
    private static final int RECENT_MEDIA = 100;

    private final Ui ui;
    private final Template library;
    private final Template variants;
    private final Template mediaRows;
    private final LanguageService languages;
    private final MediaService media;
    private final BulletinService bulletins;
    private final VariantService variantService;
    private final AccessGuard guard;
    private final ApprovalQueue approvals;
    private final TranslationService translations;

    public LibraryPage(
            Ui ui,
            @Location("library.html") Template library,
            @Location("variants.html") Template variants,
            @Location("media-rows.html") Template mediaRows,
            MediaService media,
            BulletinService bulletins,
            VariantService variantService,
            LanguageService languages,
            AccessGuard guard,
            ApprovalQueue approvals,
            TranslationService translations) {
        this.translations = translations;
        this.mediaRows = mediaRows;
        this.languages = languages;
        this.guard = guard;
        this.approvals = approvals;
        this.ui = ui;
        this.library = library;
        this.variants = variants;
        this.media = media;
        this.bulletins = bulletins;
        this.variantService = variantService;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@CookieParam(Ui.LANG_COOKIE) String lang, SecurityContext security) {
        List<MediaView> items = media.recent(RECENT_MEDIA, guard.scope(), Locale.forLanguageTag(Ui.language(lang)));
        List<BulletinView> all = bulletins.list(guard.scope());
        List<LanguageView> catalogue = languages.catalogue();
        Map<UUID, String> titles = new LinkedHashMap<>();
        items.forEach(m -> titles.put(m.id(), m.title()));
        return ui.page(library, "library", lang, security, "/library")
                .data("media", items)
                .data("author", security.isUserInRole(Roles.AUTHOR))
                .data("deletable", deletable(items, security))
                .data("languages", catalogue)
                .data("languageNames", languageNames(catalogue, lang))
                .data("mediaTitles", titles)
                .data(
                        "readyMedia",
                        items.stream()
                                .filter(m -> m.status() == MediaStatus.READY)
                                .toList())
                .data("bulletins", all)
                .data(
                        "translationTasks",
                        translations.ofBulletins(
                                all.stream().map(BulletinView::id).toList()))
                .data("queue", approvals.of(all, Ui.language(lang), security, guard))
                .data("topics", bulletins.topics());
    }

    /** The rows of the media list, swapped in after an upload or a deletion without reloading the page. */
    @GET
    @Path("media")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance mediaRows(@CookieParam(Ui.LANG_COOKIE) String lang, SecurityContext security) {
        List<MediaView> items = media.recent(RECENT_MEDIA, guard.scope(), Locale.forLanguageTag(Ui.language(lang)));
        return ui.fragment(mediaRows, lang)
                .data("media", items)
                .data("deletable", deletable(items, security))
                .data("languageNames", languageNames(languages.catalogue(), lang));
    }

    /**
     * The items whose delete button is shown: an author may delete what their area owns, not what is shared from
     * above (the API would refuse it).
     */
    private Set<UUID> deletable(List<MediaView> items, SecurityContext security) {
        if (!security.isUserInRole(Roles.AUTHOR)) {
            return Set.of();
        }
        return media.changeable(items.stream().map(MediaView::id).toList(), guard.scope());
    }

    /** The catalogue's names of the languages in the UI language, by ISO 639-3 code. */
    static Map<String, String> languageNames(List<LanguageView> catalogue, String lang) {
        Map<String, String> names = new LinkedHashMap<>();
        boolean english = Ui.ENGLISH.equals(Ui.language(lang));
        catalogue.forEach(l -> names.put(l.code(), english ? l.nameEn() : l.nameVi()));
        return names;
    }

    /** The rendered language variants of one bulletin, loaded when its row is opened. */
    @GET
    @Path("bulletins/{id}/variants")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance variants(@PathParam("id") UUID id, @CookieParam(Ui.LANG_COOKIE) String lang) {
        guard.read("Bulletin '" + id + "'", bulletins.ownerArea(id));
        return ui.fragment(variants, lang)
                .data("variants", variantService.variants(id))
                .data("languageNames", languageNames(languages.catalogue(), lang));
    }
}
