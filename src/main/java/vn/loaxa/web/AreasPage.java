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
import java.util.ArrayList;
import java.util.List;
import vn.loaxa.account.Roles;
import vn.loaxa.area.model.AreaKind;
import vn.loaxa.area.service.AreaService;
import vn.loaxa.language.api.LanguageView;
import vn.loaxa.language.api.ProfileView;
import vn.loaxa.language.api.RequiredLanguagesView;
import vn.loaxa.language.service.LanguageService;
import vn.loaxa.language.service.RequiredLanguages;

/**
 * "Địa bàn và ngôn ngữ": the area tree, by name. The administrator adds an area under another (its code is made
 * from its name), and for the area chosen in the tree ({@code ?area=<code>}) renames it, uploads its outline (a
 * GeoJSON file) and sets its language profile: the languages its receivers play, in order, picked by name from the
 * catalogue, and ticks the languages it requires every bulletin to carry. The forms call the areas and languages APIs from the page (loaxa.js).
 */
@Path("/areas")
@RolesAllowed(Roles.ADMIN)
public class AreasPage {
    /** How many languages a profile is offered; the API takes up to 20, communes use two or three. */
    static final int PROFILE_SLOTS = 5;

    private final Ui ui;
    private final Template areasTemplate;
    private final AreaService areas;
    private final LanguageService languages;
    private final RequiredLanguages required;

    public AreasPage(
            Ui ui,
            @Location("areas.html") Template areasTemplate,
            AreaService areas,
            LanguageService languages,
            RequiredLanguages required) {
        this.ui = ui;
        this.areasTemplate = areasTemplate;
        this.areas = areas;
        this.languages = languages;
        this.required = required;
    }

    /** A catalogue language to tick as required, by name, and whether the area requires it itself. */
    public record RequiredChoice(String code, String name, boolean ticked) {}

    /** One place of the profile form: its number and the language it holds (null: none). */
    public record Slot(int number, String language) {}

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(
            @QueryParam("area") String area, @CookieParam(Ui.LANG_COOKIE) String lang, SecurityContext security) {
        List<AreaOptions.AreaOption> options = AreaOptions.of(areas.tree());
        AreaOptions.AreaOption chosen =
                options.stream().filter(o -> o.code().equals(area)).findFirst().orElse(null);
        List<Slot> slots = new ArrayList<>();
        boolean inherited = false;
        if (chosen != null) {
            ProfileView profile = languages.areaProfile(chosen.code());
            inherited = profile.languages().isEmpty();
            for (int i = 0; i < Math.max(PROFILE_SLOTS, profile.languages().size()); i++) {
                slots.add(new Slot(
                        i + 1,
                        i < profile.languages().size() ? profile.languages().get(i) : null));
            }
        }
        List<LanguageView> catalogue = languages.catalogue();
        boolean english = "en".equals(Ui.language(lang));
        List<RequiredChoice> requiredChoices = new ArrayList<>();
        String requiredAbove = "";
        if (chosen != null) {
            RequiredLanguagesView requires = required.of(chosen.code());
            for (LanguageView l : catalogue) {
                requiredChoices.add(new RequiredChoice(
                        l.code(),
                        english ? l.nameEn() : l.nameVi(),
                        requires.languages().contains(l.code())));
            }
            requiredAbove = String.join(
                    ", ",
                    requiredChoices.stream()
                            .filter(c -> requires.inherited().contains(c.code()))
                            .map(RequiredChoice::name)
                            .toList());
        }
        return ui.page(areasTemplate, "areas", lang, security, "/areas")
                .data("areaOptions", options)
                .data("chosen", chosen)
                .data("kinds", AreaKind.values())
                .data("catalogue", catalogue)
                .data("slots", slots)
                .data("inherited", inherited)
                .data("requiredChoices", requiredChoices)
                .data("requiredAbove", requiredAbove);
    }
}
