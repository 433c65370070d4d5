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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.account.api.AccountView;
import vn.loaxa.account.service.AccountService;
import vn.loaxa.area.service.AreaService;
import vn.loaxa.bulletin.api.BulletinView;
import vn.loaxa.bulletin.service.BulletinService;
import vn.loaxa.language.api.LanguageView;
import vn.loaxa.language.service.LanguageService;
import vn.loaxa.translation.api.SuggestedLanguage;
import vn.loaxa.translation.api.TaskDetail;
import vn.loaxa.translation.api.TaskView;
import vn.loaxa.translation.model.TaskState;
import vn.loaxa.translation.service.Caller;
import vn.loaxa.translation.service.Callers;
import vn.loaxa.translation.service.TranslationService;

/**
 * "Việc dịch": the translator's queue and the reviewer's, a task's page (the Vietnamese source with its audio, the
 * glossary's terms, the recorder or a file upload, the transcript; for a reviewer, the reading with "Chấp nhận" and
 * "Trả lại"), and "Yêu cầu dịch" for a bulletin. The forms call the translations API from the page (loaxa.js).
 */
@Path("/translations")
@RolesAllowed({Roles.TRANSLATE, Roles.VIEW, Roles.AUTHOR})
public class TranslationsPage {
    private final Ui ui;
    private final Template queue;
    private final Template task;
    private final Template request;
    private final TranslationService translations;
    private final BulletinService bulletins;
    private final LanguageService languages;
    private final AccountService accounts;
    private final AreaService areas;
    private final AccessGuard guard;
    private final Callers callers;

    public TranslationsPage(
            Ui ui,
            @Location("translations.html") Template queue,
            @Location("translation.html") Template task,
            @Location("translation-request.html") Template request,
            TranslationService translations,
            BulletinService bulletins,
            LanguageService languages,
            AccountService accounts,
            AreaService areas,
            AccessGuard guard,
            Callers callers) {
        this.ui = ui;
        this.queue = queue;
        this.task = task;
        this.request = request;
        this.translations = translations;
        this.bulletins = bulletins;
        this.languages = languages;
        this.accounts = accounts;
        this.areas = areas;
        this.guard = guard;
        this.callers = callers;
    }

    /** One task as a list shows it: the language by name, the due time in the country's zone. */
    public record Row(TaskView task, String language, String due) {}

    /** A language to tick in the request form, with the translators who may be named for it. */
    public record Choice(String code, String name, boolean suggested, List<AccountView> translators) {}

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance queue(@CookieParam(Ui.LANG_COOKIE) String lang, SecurityContext security) {
        Caller caller = callers.current();
        List<Row> rows = translations.list(caller, null, false).stream()
                .map(t -> row(t, lang))
                .toList();
        return ui.page(queue, "translations", lang, security, "/translations").data("rows", rows);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance task(
            @PathParam("id") UUID id, @CookieParam(Ui.LANG_COOKIE) String lang, SecurityContext security) {
        Caller caller = callers.current();
        if (!caller.translatorOnly()) {
            UUID bulletin = translations.bulletinOf(id);
            guard.read("Bulletin '" + bulletin + "'", bulletins.ownerArea(bulletin));
        }
        TaskDetail detail = translations.detail(id, caller);
        TaskView t = detail.task();
        boolean mine =
                caller.translatorOnly() && (t.assignee() == null || t.assignee().equals(caller.username()));
        boolean reviewer = security.isUserInRole(Roles.APPROVE)
                && (caller.languages().isEmpty() || caller.languages().contains(t.language()))
                && !caller.username().equals(t.submittedBy());
        // the title is read out too, so its terms belong beside the source as much as the transcripts' do
        String sourceText = Stream.concat(
                        Stream.of(t.bulletinTitle()),
                        detail.source().stream().map(TaskDetail.SourceSegment::transcript))
                .filter(text -> text != null && !text.isBlank())
                .collect(Collectors.joining("\n"));
        return ui.page(task, "translations", lang, security, "/translations/" + id)
                .data("row", row(t, lang))
                .data("source", detail.source())
                .data("sourceText", sourceText)
                .data("canRead", mine && t.state().awaitsReading())
                .data("canReview", reviewer && t.state() == TaskState.SUBMITTED);
    }

    @GET
    @Path("request")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({Roles.AUTHOR, Roles.SCHEDULE})
    public TemplateInstance request(
            @QueryParam("bulletin") UUID bulletinId,
            @QueryParam("area") String area,
            @CookieParam(Ui.LANG_COOKIE) String lang,
            SecurityContext security) {
        if (bulletinId == null) {
            throw vn.loaxa.common.error.NotFoundException.of("Bulletin", "");
        }
        guard.read("Bulletin '" + bulletinId + "'", bulletins.ownerArea(bulletinId));
        BulletinView bulletin = bulletins.get(bulletinId);
        List<AreaOptions.AreaOption> areaOptions = AreaOptions.of(
                areas.tree(guard.scope().nationwide() ? null : guard.scope().areaPath()));
        String chosenArea = area != null && !area.isBlank()
                ? area
                : guard.scope().nationwide()
                        ? (areaOptions.isEmpty() ? null : areaOptions.get(0).code())
                        : guard.scope().areaCode();
        Set<String> suggested = Set.of();
        if (chosenArea != null) {
            guard.area(chosenArea);
            suggested = translations.suggested(bulletinId, List.of(chosenArea)).stream()
                    .map(SuggestedLanguage::code)
                    .collect(Collectors.toSet());
        }
        Set<String> has = bulletins.languages(bulletinId);
        Map<String, String> names = LibraryPage.languageNames(languages.catalogue(), lang);
        List<Choice> choices = new ArrayList<>();
        for (LanguageView language : languages.catalogue()) {
            if (language.code().equals("vie") || has.contains(language.code())) {
                continue;
            }
            choices.add(new Choice(
                    language.code(),
                    names.get(language.code()),
                    suggested.contains(language.code()),
                    accounts.translatorsOf(language.code())));
        }
        List<Row> rows = translations.ofBulletin(bulletinId).stream()
                .map(t -> row(t, lang))
                .toList();
        return ui.page(request, "translations", lang, security, "/translations/request?bulletin=" + bulletinId)
                .data("bulletin", bulletin)
                .data("choices", choices)
                .data("areaOptions", areaOptions)
                .data("chosenArea", chosenArea)
                .data("rows", rows);
    }

    private Row row(TaskView t, String lang) {
        return new Row(
                t,
                Ui.ENGLISH.equals(Ui.language(lang)) ? t.languageNameEn() : t.languageNameVi(),
                Formats.time(t.dueAt()));
    }
}
