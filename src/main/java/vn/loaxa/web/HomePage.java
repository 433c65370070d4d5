package vn.loaxa.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import vn.loaxa.account.Roles;
import vn.loaxa.delivery.api.DeliveryReport;
import vn.loaxa.delivery.service.DeliveryQueryService;
import vn.loaxa.receiver.service.ReceiverService;
import vn.loaxa.schedule.api.BroadcastView;
import vn.loaxa.schedule.service.BroadcastService;

/** The start page: receivers with their status, and recent broadcasts with delivery counts. */
@Path("/")
public class HomePage {
    private static final int RECENT = 20;
    private static final String SESSION_COOKIE = "quarkus-credential";

    private final Template home;
    private final ReceiverService receivers;
    private final BroadcastService broadcasts;
    private final DeliveryQueryService deliveries;

    public HomePage(@Location("home.html") Template home, ReceiverService receivers, BroadcastService broadcasts,
            DeliveryQueryService deliveries) {
        this.home = home;
        this.receivers = receivers;
        this.broadcasts = broadcasts;
        this.deliveries = deliveries;
    }

    public record BroadcastLine(BroadcastView broadcast, DeliveryReport delivery) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(Roles.USER)
    public TemplateInstance page(SecurityContext security) {
        List<BroadcastLine> lines = broadcasts.recent(RECENT).stream()
                .map(b -> new BroadcastLine(b, deliveries.ofBroadcast(b.id())))
                .toList();
        return home.data("user", security.getUserPrincipal().getName())
                .data("receivers", receivers.list())
                .data("broadcasts", lines);
    }

    @GET
    @Path("logout")
    @PermitAll
    public Response logout() {
        return Response.seeOther(URI.create("/login.html"))
                .cookie(new NewCookie.Builder(SESSION_COOKIE).path("/").maxAge(0).build())
                .build();
    }
}
