package vn.loaxa.language.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.language.service.LanguageService;
import vn.loaxa.language.service.RequiredLanguages;

/**
 * An area's own ordered language profile, which its receivers without one inherit, and the languages it requires
 * every bulletin it hears to carry.
 */
@Path("/api/v1/areas/{code}/languages")
@RolesAllowed(Roles.USER)
public class AreaLanguageResource {
    private final LanguageService languages;
    private final RequiredLanguages required;
    private final AccessGuard guard;

    public AreaLanguageResource(LanguageService languages, RequiredLanguages required, AccessGuard guard) {
        this.languages = languages;
        this.required = required;
        this.guard = guard;
    }

    /** The area's own ordered language profile (empty when it has none). */
    @GET
    public ProfileView languages(@PathParam("code") String code) {
        guard.area(code);
        return languages.areaProfile(code);
    }

    @PUT
    @RolesAllowed(Roles.SCHEDULE)
    public ProfileView setLanguages(@PathParam("code") String code, @Valid @NotNull ProfileView profile) {
        guard.area(code);
        return languages.setAreaProfile(code, profile.languages());
    }

    /** The area's own required languages, and those the areas above it require. */
    @GET
    @Path("required")
    public RequiredLanguagesView required(@PathParam("code") String code) {
        guard.area(code);
        return required.of(code);
    }

    /** Replaces the area's own required languages (catalogue codes); an empty list requires none of its own. */
    @PUT
    @Path("required")
    @RolesAllowed(Roles.ADMIN)
    public RequiredLanguagesView setRequired(
            @PathParam("code") String code, @Valid @NotNull RequiredLanguagesView languages) {
        guard.area(code);
        return required.set(code, languages.languages());
    }
}
