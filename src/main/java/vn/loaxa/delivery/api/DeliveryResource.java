package vn.loaxa.delivery.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.delivery.service.DeliveryQueryService;
import vn.loaxa.schedule.service.BroadcastGuard;

@Path("/api/v1/broadcasts/{id}/deliveries")
@RolesAllowed(Roles.VIEW)
public class DeliveryResource {
    private final DeliveryQueryService service;
    private final BroadcastGuard broadcasts;
    private final AccessGuard guard;

    public DeliveryResource(DeliveryQueryService service, BroadcastGuard broadcasts, AccessGuard guard) {
        this.broadcasts = broadcasts;
        this.guard = guard;
        this.service = service;
    }

    /** The deliveries to the caller's own receivers (all of them, for national accounts). */
    @GET
    public DeliveryReport ofBroadcast(@PathParam("id") UUID broadcastId) {
        broadcasts.read(broadcastId);
        return service.ofBroadcast(broadcastId, guard.receiversInScope());
    }
}
