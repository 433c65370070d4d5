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
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.area.service.AreaOutlineService;
import vn.loaxa.area.service.AreaService;
import vn.loaxa.inbox.api.InboxItemView;
import vn.loaxa.inbox.api.PolicyView;
import vn.loaxa.inbox.service.InboxService;
import vn.loaxa.language.api.ProfileView;
import vn.loaxa.language.service.LanguageService;

@Path("/api/v1/areas")
@RolesAllowed(Roles.USER)
public class AreaResource {
    static final String GEO_JSON = "application/geo+json";
    private final AreaService service;
    private final LanguageService languages;
    private final InboxService inbox;
    private final AccessGuard guard;
    private final AreaOutlineService outlines;

    public AreaResource(AreaService service, LanguageService languages, InboxService inbox, AccessGuard guard,
            AreaOutlineService outlines) {
        this.outlines = outlines;
        this.guard = guard;
        this.service = service;
        this.languages = languages;
        this.inbox = inbox;
    }

    /** The commune's inbox: NORMAL broadcasts from above, newest first. */
    @GET
    @Path("{code}/inbox")
    @RolesAllowed(Roles.VIEW)
    public List<InboxItemView> inbox(@PathParam("code") String code) {
        guard.area(code);
        return inbox.inbox(code);
    }

    @GET
    @Path("{code}/inbox-policy")
    @RolesAllowed(Roles.VIEW)
    public PolicyView inboxPolicy(@PathParam("code") String code) {
        guard.area(code);
        return inbox.policy(code);
    }

    @PUT
    @Path("{code}/inbox-policy")
    @RolesAllowed(Roles.SCHEDULE)
    public PolicyView setInboxPolicy(@PathParam("code") String code, @Valid @NotNull PolicyView policy,
            SecurityContext security) {
        guard.area(code);
        return inbox.setPolicy(code, policy.policy(), security.getUserPrincipal().getName());
    }

    /** The area's own ordered language profile (empty when it has none). */
    @GET
    @Path("{code}/languages")
    public ProfileView languages(@PathParam("code") String code) {
        guard.area(code);
        return languages.areaProfile(code);
    }

    @PUT
    @Path("{code}/languages")
    @RolesAllowed(Roles.SCHEDULE)
    public ProfileView setLanguages(@PathParam("code") String code, @Valid @NotNull ProfileView profile) {
        guard.area(code);
        return languages.setAreaProfile(code, profile.languages());
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

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Valid @NotNull AreaRequest request) {
        AreaNode created = service.create(request);
        return Response.created(URI.create("/api/v1/areas/" + created.code())).entity(created).build();
    }
}
