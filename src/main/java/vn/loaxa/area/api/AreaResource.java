package vn.loaxa.area.api;

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
import vn.loaxa.area.service.AreaService;

@Path("/api/v1/areas")
@RolesAllowed(Roles.USER)
public class AreaResource {
    private final AreaService service;

    public AreaResource(AreaService service) {
        this.service = service;
    }

    @GET
    public List<AreaNode> tree() {
        return service.tree();
    }

    @POST
    public Response create(@Valid @NotNull AreaRequest request) {
        AreaNode created = service.create(request);
        return Response.created(URI.create("/api/v1/areas/" + created.code())).entity(created).build();
    }
}
