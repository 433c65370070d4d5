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
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.schedule.service.BroadcastGuard;
import vn.loaxa.schedule.service.BroadcastService;
import vn.loaxa.schedule.service.OccurrenceCancellation;

@Path("/api/v1/broadcasts")
@RolesAllowed(Roles.VIEW)
public class BroadcastResource {
    private static final int RECENT = 50;

    private final BroadcastService service;
    private final BroadcastGuard guard;
    private final AccessGuard access;
    private final OccurrenceCancellation cancellation;

    public BroadcastResource(
            BroadcastService service, BroadcastGuard guard, AccessGuard access, OccurrenceCancellation cancellation) {
        this.cancellation = cancellation;
        this.guard = guard;
        this.access = access;
        this.service = service;
    }

    @GET
    public List<BroadcastView> recent() {
        return service.recent(RECENT, access.scope());
    }

    @GET
    @Path("{id}")
    public BroadcastView get(@PathParam("id") UUID id) {
        guard.read(id);
        return service.get(id);
    }

    /** Lists the next occurrences of an unsaved definition, in its zone and in UTC. */
    @POST
    @Path("preview")
    @RolesAllowed(Roles.SCHEDULE)
    public OccurrencePreview preview(@Valid @NotNull PreviewRequest request) {
        return service.preview(request);
    }

    @GET
    @Path("{id}/occurrences")
    public OccurrencePreview occurrences(
            @PathParam("id") UUID id, @QueryParam("from") OffsetDateTime from, @QueryParam("count") Integer count) {
        guard.read(id);
        return service.occurrences(id, from, count);
    }

    /** One action that stops the broadcast on every receiver, including what is playing now. */
    @POST
    @Path("{id}/cancel")
    @RolesAllowed(Roles.SCHEDULE)
    public BroadcastView cancel(@PathParam("id") UUID id, SecurityContext security) {
        guard.change(id);
        return service.cancel(id, security.getUserPrincipal().getName());
    }

    /**
     * Cancels one occurrence of a series (an EXDATE): it no longer airs, its deliveries are cancelled when it was
     * dispatched, and the series goes on after it.
     */
    @POST
    @Path("{id}/exdates")
    @RolesAllowed(Roles.SCHEDULE)
    public BroadcastView exclude(
            @PathParam("id") UUID id, @Valid @NotNull ExdateRequest request, SecurityContext security) {
        guard.change(id);
        return cancellation.cancel(
                id, request.localTime(), security.getUserPrincipal().getName());
    }

    /** The second person's confirmation of an emergency under the two-person rule; it is dispatched at once. */
    @POST
    @Path("{id}/confirm")
    @RolesAllowed(Roles.APPROVE)
    public BroadcastView confirm(@PathParam("id") UUID id, SecurityContext security) {
        guard.change(id);
        return service.confirm(id, security.getUserPrincipal().getName());
    }

    @POST
    @RolesAllowed(Roles.SCHEDULE)
    public Response create(@Valid @NotNull BroadcastRequest request, SecurityContext security) {
        guard.schedule(request);
        BroadcastView created =
                service.create(request, security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/v1/broadcasts/" + created.id()))
                .entity(created)
                .build();
    }
}
