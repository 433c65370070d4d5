package vn.loaxa.translation.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.bulletin.service.BulletinService;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.translation.service.TranslationService;

/** A bulletin's translation tasks: which languages its communes need, asking for them, and their states. */
@Path("/api/v1/bulletins/{id}/translations")
@RolesAllowed({Roles.VIEW, Roles.AUTHOR})
public class BulletinTranslationResource {
    private final TranslationService service;
    private final BulletinService bulletins;
    private final AccessGuard guard;

    public BulletinTranslationResource(TranslationService service, BulletinService bulletins, AccessGuard guard) {
        this.service = service;
        this.bulletins = bulletins;
        this.guard = guard;
    }

    @GET
    public List<TaskView> list(@PathParam("id") UUID id) {
        guard.read("Bulletin '" + id + "'", bulletins.ownerArea(id));
        return service.ofBulletin(id);
    }

    /** The languages the receivers of these areas play and the bulletin lacks. */
    @GET
    @Path("suggested")
    @RolesAllowed({Roles.AUTHOR, Roles.SCHEDULE})
    public List<SuggestedLanguage> suggested(@PathParam("id") UUID id, @QueryParam("area") List<String> areas) {
        guard.read("Bulletin '" + id + "'", bulletins.ownerArea(id));
        if (areas == null || areas.isEmpty()) {
            throw new InvalidRequestException("area", ErrorMessage.of("translation.area-required"));
        }
        areas.forEach(guard::area);
        return service.suggested(id, areas);
    }

    @POST
    @RolesAllowed({Roles.AUTHOR, Roles.SCHEDULE})
    public Response request(
            @PathParam("id") UUID id, @Valid @NotNull TranslationRequest request, SecurityContext security) {
        guard.change("Bulletin '" + id + "'", bulletins.ownerArea(id));
        List<TaskView> created =
                service.request(id, request, security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/v1/bulletins/" + id + "/translations"))
                .entity(created)
                .build();
    }
}
