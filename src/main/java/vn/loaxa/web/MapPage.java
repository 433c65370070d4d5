package vn.loaxa.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.area.service.AreaOutlineService;
import vn.loaxa.receiver.service.ReceiverService;

/** Receivers drawn from their coordinates on a blank Leaflet map (no tiles), coloured by status. */
@Path("/map")
@RolesAllowed(Roles.VIEW)
public class MapPage {
    private final Ui ui;
    private final Template map;
    private final ReceiverService receivers;
    private final AccessGuard guard;
    private final AreaOutlineService outlines;

    public MapPage(
            Ui ui,
            @Location("map.html") Template map,
            ReceiverService receivers,
            AccessGuard guard,
            AreaOutlineService outlines) {
        this.outlines = outlines;
        this.guard = guard;
        this.ui = ui;
        this.map = map;
        this.receivers = receivers;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@CookieParam(Ui.LANG_COOKIE) String lang, SecurityContext security) {
        return ui.page(map, "map", lang, security, "/map")
                .data("receivers", receivers.list(guard.scope().likePattern()))
                .data("outlines", outlines.under(guard.scope().areaPath()));
    }
}
