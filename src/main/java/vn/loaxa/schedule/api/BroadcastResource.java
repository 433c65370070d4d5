package vn.loaxa.schedule.api;

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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import vn.loaxa.account.Roles;
import vn.loaxa.schedule.service.BroadcastService;

@Path("/api/v1/broadcasts")
@RolesAllowed(Roles.USER)
public class BroadcastResource {
    private static final int RECENT = 50;

    private final BroadcastService service;

    public BroadcastResource(BroadcastService service) {
        this.service = service;
    }

    @GET
    public List<BroadcastView> recent() {
        return service.recent(RECENT);
    }

    @GET
    @Path("{id}")
    public BroadcastView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    /** Lists the next occurrences of an unsaved definition, in its zone and in UTC. */
    @POST
    @Path("preview")
    public OccurrencePreview preview(@Valid @NotNull PreviewRequest request) {
        return service.preview(request);
    }

    @GET
    @Path("{id}/occurrences")
    public OccurrencePreview occurrences(@PathParam("id") UUID id, @QueryParam("from") OffsetDateTime from,
            @QueryParam("count") Integer count) {
        return service.occurrences(id, from, count);
    }

    /** One action that stops the broadcast on every receiver, including what is playing now. */
    @POST
    @Path("{id}/cancel")
    public BroadcastView cancel(@PathParam("id") UUID id, SecurityContext security) {
        return service.cancel(id, security.getUserPrincipal().getName());
    }

    /** The second person's confirmation of an emergency under the two-person rule; it is dispatched at once. */
    @POST
    @Path("{id}/confirm")
    @RolesAllowed(Roles.ADMIN)
    public BroadcastView confirm(@PathParam("id") UUID id, SecurityContext security) {
        return service.confirm(id, security.getUserPrincipal().getName());
    }

    @POST
    public Response create(@Valid @NotNull BroadcastRequest request, SecurityContext security) {
        BroadcastView created = service.create(request, security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/v1/broadcasts/" + created.id())).entity(created).build();
    }
}
