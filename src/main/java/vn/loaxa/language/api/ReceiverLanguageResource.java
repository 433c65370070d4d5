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

/** A receiver's own ordered language profile, or the nearest area's when it has none. */
@Path("/api/v1/receivers/{id}/languages")
@RolesAllowed(Roles.VIEW)
public class ReceiverLanguageResource {
    private final LanguageService languages;
    private final AccessGuard guard;

    public ReceiverLanguageResource(LanguageService languages, AccessGuard guard) {
        this.languages = languages;
        this.guard = guard;
    }

    /** The languages the receiver plays: its own profile, or the nearest area's ({@code inheritedFrom}). */
    @GET
    public ProfileView languages(@PathParam("id") String id) {
        guard.receiver(id);
        return languages.receiverProfile(id);
    }

    /** Sets the receiver's own profile; an empty list makes it inherit its area's again. */
    @PUT
    @RolesAllowed(Roles.SCHEDULE)
    public ProfileView setLanguages(@PathParam("id") String id, @Valid @NotNull ProfileView profile) {
        guard.receiver(id);
        return languages.setReceiverProfile(id, profile.languages());
    }
}
