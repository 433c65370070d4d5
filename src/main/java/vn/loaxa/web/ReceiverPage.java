package vn.loaxa.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.OffsetDateTime;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.delivery.service.DeliveryQueryService;
import vn.loaxa.receiver.service.ReceiverService;

/** One receiver: status, heartbeat values, outages of the last 30 days, recent deliveries and remote commands. */
@Path("/receivers/{id}")
@RolesAllowed(Roles.VIEW)
public class ReceiverPage {
    private static final int RECENT_DELIVERIES = 30;
    private static final int OUTAGE_DAYS = 30;

    private final Ui ui;
    private final Template receiver;
    private final ReceiverService receivers;
    private final DeliveryQueryService deliveries;
    private final AccessGuard guard;

    public ReceiverPage(
            Ui ui,
            @Location("receiver.html") Template receiver,
            ReceiverService receivers,
            DeliveryQueryService deliveries,
            AccessGuard guard) {
        this.guard = guard;
        this.ui = ui;
        this.receiver = receiver;
        this.receivers = receivers;
        this.deliveries = deliveries;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(
            @PathParam("id") String id, @CookieParam(Ui.LANG_COOKIE) String lang, SecurityContext security) {
        guard.receiver(id);
        OffsetDateTime now = OffsetDateTime.now();
        return ui.page(receiver, "map", lang, security, "/receivers/" + id)
                .data("r", receivers.get(id))
                .data("outages", receivers.outages(id, now.minusDays(OUTAGE_DAYS), now))
                .data("deliveries", deliveries.ofReceiver(id, RECENT_DELIVERIES));
    }
}
