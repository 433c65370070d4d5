package vn.loaxa.delivery.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import vn.loaxa.account.Roles;
import vn.loaxa.delivery.service.DeliveryQueryService;

@Path("/api/v1/broadcasts/{id}/deliveries")
@RolesAllowed(Roles.USER)
public class DeliveryResource {
    private final DeliveryQueryService service;

    public DeliveryResource(DeliveryQueryService service) {
        this.service = service;
    }

    @GET
    public DeliveryReport ofBroadcast(@PathParam("id") UUID broadcastId) {
        return service.ofBroadcast(broadcastId);
    }
}
