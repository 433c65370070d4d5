package vn.loaxa.bulletin.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import vn.loaxa.account.Roles;
import vn.loaxa.bulletin.service.BulletinService;

@Path("/api/v1/bulletins")
@RolesAllowed(Roles.USER)
public class BulletinResource {
    private final BulletinService service;

    public BulletinResource(BulletinService service) {
        this.service = service;
    }

    @GET
    public List<BulletinView> list() {
        return service.list();
    }

    @GET
    @Path("{id}")
    public BulletinView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @POST
    public Response create(@Valid @NotNull BulletinRequest request, SecurityContext security) {
        BulletinView created = service.create(request, security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/v1/bulletins/" + created.id())).entity(created).build();
    }
}
