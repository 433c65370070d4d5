package vn.loaxa.dispatch.api;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import vn.loaxa.account.Roles;
import vn.loaxa.dispatch.protocol.ServerTimeMessage;

/**
 * The server clock, from which receivers estimate their offset NTP-style (docs/protocol.md, "Time"). The answer
 * carries the time the request arrived as well as the time it left, so that the receiver can take the server's own
 * work (the check of its secret above all) out of its estimate.
 */
@Path(TimeResource.PATH)
@RolesAllowed({Roles.RECEIVER, Roles.USER})
public class TimeResource {
    static final String PATH = "/api/v1/time";
    private static final String RECEIVED_AT = "loaxa.time.receivedAt";

    /** On the event loop, so that nothing waits between taking the transmit time and writing it out. */
    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public ServerTimeMessage now(@Context RoutingContext request) {
        Instant received = request.get(RECEIVED_AT);
        Instant transmit = Instant.now();
        return ServerTimeMessage.between(received != null ? received : transmit, transmit);
    }

    /** Stamps the arrival of every time request ahead of Quarkus' authentication handlers. */
    @ApplicationScoped
    static class ArrivalStamp {
        void install(@Observes Router router) {
            router.route(PATH)
                    .order(RouteConstants.ROUTE_ORDER_BODY_HANDLER + 1)
                    .handler(request -> {
                        request.put(RECEIVED_AT, Instant.now());
                        request.next();
                    });
        }
    }
}
