package vn.loaxa.language.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import vn.loaxa.account.Roles;
import vn.loaxa.language.service.LanguageService;

/** The language catalogue; the profiles of areas and receivers are under their own resources. */
@Path("/api/v1")
@RolesAllowed(Roles.USER)
public class LanguageResource {
    private final LanguageService service;

    public LanguageResource(LanguageService service) {
        this.service = service;
    }

    @GET
    @Path("languages")
    public List<LanguageView> catalogue() {
        return service.catalogue();
    }

    @POST
    @Path("languages")
    @RolesAllowed(Roles.ADMIN)
    public Response add(@Valid @NotNull LanguageView request) {
        LanguageView created = service.add(request);
        return Response.created(URI.create("/api/v1/languages/" + created.code()))
                .entity(created)
                .build();
    }
}
