package vn.loaxa.area.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.area.service.AreaOutlineService;
import vn.loaxa.area.service.AreaService;

@Path("/api/v1/areas")
@RolesAllowed(Roles.USER)
public class AreaResource {
    static final String GEO_JSON = "application/geo+json";
    private final AreaService service;
    private final AccessGuard guard;
    private final AreaOutlineService outlines;

    public AreaResource(AreaService service, AccessGuard guard, AreaOutlineService outlines) {
        this.outlines = outlines;
        this.guard = guard;
        this.service = service;
    }

    /** The area's outline, a GeoJSON Polygon or MultiPolygon. */
    @GET
    @Path("{code}/outline")
    @Produces({GEO_JSON, MediaType.APPLICATION_JSON})
    public String outline(@PathParam("code") String code) {
        guard.area(code);
        return outlines.get(code);
    }

    /** Sets the outline from a GeoJSON geometry, or a Feature holding one (as mapping tools export it). */
    @PUT
    @Path("{code}/outline")
    @RolesAllowed(Roles.ADMIN)
    @Consumes({MediaType.APPLICATION_JSON, GEO_JSON})
    @Produces({GEO_JSON, MediaType.APPLICATION_JSON})
    public String setOutline(@PathParam("code") String code, String geometry) {
        return outlines.set(code, geometry);
    }

    @DELETE
    @Path("{code}/outline")
    @RolesAllowed(Roles.ADMIN)
    public void removeOutline(@PathParam("code") String code) {
        outlines.remove(code);
    }

    /** The caller's own subtree (the whole forest for national accounts). */
    @GET
    public List<AreaNode> tree() {
        return service.tree(guard.scope().areaPath());
    }

    /** Renames the area. */
    @PUT
    @Path("{code}")
    @RolesAllowed(Roles.ADMIN)
    public AreaNode rename(@PathParam("code") String code, @Valid @NotNull AreaRename rename) {
        return service.rename(code, rename.name());
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Valid @NotNull AreaRequest request) {
        AreaNode created = service.create(request);
        return Response.created(URI.create("/api/v1/areas/" + created.code()))
                .entity(created)
                .build();
    }
}
