package vn.loaxa.receiver.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.receiver.service.ReceiverService;

@Path("/api/v1/receivers")
@RolesAllowed(Roles.VIEW)
public class ReceiverResource {
    private final ReceiverService service;
    private final AccessGuard guard;

    public ReceiverResource(ReceiverService service, AccessGuard guard) {
        this.guard = guard;
        this.service = service;
    }

    /** The receivers in the caller's area subtree. */
    @GET
    @RolesAllowed(Roles.VIEW)
    public List<ReceiverView> list() {
        return service.list(guard.scope().likePattern());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEW)
    public ReceiverView get(@PathParam("id") String id) {
        guard.receiver(id);
        return service.get(id);
    }

    /** Offline periods overlapping [from, to); the default range is the last 7 days. */
    @GET
    @Path("{id}/outages")
    public List<OutageView> outages(
            @PathParam("id") String id, @QueryParam("from") OffsetDateTime from, @QueryParam("to") OffsetDateTime to) {
        guard.receiver(id);
        OffsetDateTime end = to == null ? OffsetDateTime.now() : to;
        return service.outages(id, from == null ? end.minusDays(7) : from, end);
    }

    /** Moves the receiver to another area; both the old and the new area must be within the caller's. */
    @PUT
    @Path("{id}/area")
    @RolesAllowed(Roles.SCHEDULE)
    public ReceiverView move(@PathParam("id") String id, @Valid @NotNull AreaChange change) {
        guard.receiver(id);
        guard.targetAreas(List.of(change.areaCode()));
        return service.move(id, change.areaCode());
    }

    /** Issues a new secret, shown only in this answer; the old one stops working on HTTP and the broker at once. */
    @POST
    @Path("{id}/secret")
    @RolesAllowed(Roles.SCHEDULE)
    public SecretView rotateSecret(@PathParam("id") String id) {
        guard.receiver(id);
        return new SecretView(id, service.rotateSecret(id));
    }

    /** Revokes the receiver's credentials: it is disconnected and cannot log in until a new secret is issued. */
    @POST
    @Path("{id}/revoke")
    @RolesAllowed(Roles.SCHEDULE)
    public ReceiverView revoke(@PathParam("id") String id) {
        guard.receiver(id);
        return service.revoke(id);
    }

    @POST
    @RolesAllowed(Roles.SCHEDULE)
    public Response provision(@Valid @NotNull ReceiverRequest request) {
        guard.targetAreas(java.util.List.of(request.areaCode()));
        ReceiverView created = service.provision(request);
        return Response.created(URI.create("/api/v1/receivers/" + created.id()))
                .entity(created)
                .build();
    }
}
