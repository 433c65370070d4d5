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

/** An area's own ordered language profile, which its receivers without one inherit. */
@Path("/api/v1/areas/{code}/languages")
@RolesAllowed(Roles.USER)
public class AreaLanguageResource {
    private final LanguageService languages;
    private final AccessGuard guard;

    public AreaLanguageResource(LanguageService languages, AccessGuard guard) {
        this.languages = languages;
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
}
