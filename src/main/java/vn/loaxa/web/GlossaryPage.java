package vn.loaxa.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.text.Collator;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.loaxa.account.Roles;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.glossary.api.GlossaryEntryView;
import vn.loaxa.glossary.model.Domain;
import vn.loaxa.glossary.service.GlossaryService;
import vn.loaxa.language.api.LanguageView;
import vn.loaxa.language.service.LanguageService;

/**
 * "Thuật ngữ": the glossary, searched without diacritics ({@code ?q=&language=&domain=}), each entry with its terms
 * under the languages' names (in the order of the names). Authors also add an entry, edit or delete the one chosen ({@code ?entry=<id>}), and
 * import a CSV file; everyone may download it. The forms call the glossary API from the page (loaxa.js).
 */
@Path("/glossary")
@RolesAllowed(Roles.USER)
public class GlossaryPage {
    private static final int SHOWN = 500;

    private final Ui ui;
    private final Template glossary;
    private final GlossaryService service;
    private final LanguageService languages;

    public GlossaryPage(
            Ui ui, @Location("glossary.html") Template glossary, GlossaryService service, LanguageService languages) {
        this.ui = ui;
        this.glossary = glossary;
        this.service = service;
        this.languages = languages;
    }

    /** A choice of a select: its value, its name, whether it is chosen. */
    public record Option(String value, String name, boolean selected) {}

    /** A term in one language, under the language's name; {@code term} is empty where the entry has none. */
    public record Term(String code, String language, String term) {}

    /** An entry as the list shows it. */
    public record Row(String id, String vie, String domain, List<Term> terms, String note) {}

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(
            @QueryParam("q") String q,
            @QueryParam("language") String language,
            @QueryParam("domain") String domain,
            @QueryParam("entry") String entry,
            @CookieParam(Ui.LANG_COOKIE) String lang,
            SecurityContext security) {
        String uiLang = Ui.language(lang);
        Collator order = Collator.getInstance(Locale.forLanguageTag(uiLang));
        List<LanguageView> others = languages.catalogue().stream()
                .filter(l -> !l.code().equals("vie"))
                .sorted(Comparator.comparing(l -> name(l, uiLang), order))
                .toList();
        Map<String, String> names = others.stream().collect(Collectors.toMap(LanguageView::code, l -> name(l, uiLang)));
        String wantedLanguage = names.containsKey(language) ? language : null;
        String wantedDomain = domain == null || domain.isBlank()
                ? null
                : Domain.parse(domain).map(Domain::code).orElse(null);
        List<Row> rows = service.search(q, wantedLanguage, wantedDomain, SHOWN).stream()
                .map(e -> row(e, names, others, uiLang, false))
                .toList();
        return ui.page(glossary, "glossary", lang, security, "/glossary")
                .data("q", q == null ? "" : q)
                .data("languageOptions", options(others, LanguageView::code, l -> name(l, uiLang), wantedLanguage))
                .data(
                        "domainOptions",
                        options(Arrays.asList(Domain.values()), Domain::code, d -> d.name(uiLang), wantedDomain))
                .data(
                        "newDomains",
                        options(
                                Arrays.asList(Domain.values()),
                                Domain::code,
                                d -> d.name(uiLang),
                                Domain.GENERAL.code()))
                .data(
                        "languages",
                        others.stream()
                                .map(l -> new Term(l.code(), name(l, uiLang), ""))
                                .toList())
                .data("rows", rows)
                .data("chosen", chosen(entry, names, others, uiLang, security))
                .data("writer", security.isUserInRole(Roles.AUTHOR));
    }

    private Map<String, Object> chosen(
            String entry,
            Map<String, String> names,
            List<LanguageView> others,
            String uiLang,
            SecurityContext security) {
        if (entry == null || !security.isUserInRole(Roles.AUTHOR)) {
            return null;
        }
        GlossaryEntryView view;
        try {
            view = service.get(UUID.fromString(entry));
        } catch (IllegalArgumentException | NotFoundException | InvalidRequestException e) {
            return null;
        }
        return Map.of(
                "row",
                row(view, names, others, uiLang, true),
                "domains",
                options(Arrays.asList(Domain.values()), Domain::code, d -> d.name(uiLang), view.domain()),
                "note",
                view.note() == null ? "" : view.note());
    }

    /** {@code everyLanguage}: a term for each catalogued language, empty where the entry has none (for a form). */
    private static Row row(
            GlossaryEntryView e,
            Map<String, String> names,
            List<LanguageView> others,
            String uiLang,
            boolean everyLanguage) {
        List<Term> terms = others.stream()
                .filter(l -> everyLanguage || e.terms().containsKey(l.code()))
                .map(l -> new Term(l.code(), names.get(l.code()), e.terms().getOrDefault(l.code(), "")))
                .toList();
        return new Row(e.id().toString(), e.vie(), Domain.ofCode(e.domain()).name(uiLang), terms, e.note());
    }

    private static <T> List<Option> options(
            List<T> items, Function<T, String> value, Function<T, String> name, String selected) {
        return items.stream()
                .map(i ->
                        new Option(value.apply(i), name.apply(i), value.apply(i).equals(selected)))
                .toList();
    }

    private static String name(LanguageView language, String uiLang) {
        return Ui.ENGLISH.equals(uiLang) ? language.nameEn() : language.nameVi();
    }
}
