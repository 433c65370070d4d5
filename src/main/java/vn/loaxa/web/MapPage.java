package vn.loaxa.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.jboss.resteasy.reactive.RestStreamElementType;
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
    private final FleetStatus fleet;
    private final SharedLiveFeeds feeds;

    /** What one map feed reads: the markers of one scope. */
    private record MarkersKey(String areas) {}

    public MapPage(
            Ui ui,
            @Location("map.html") Template map,
            ReceiverService receivers,
            AccessGuard guard,
            AreaOutlineService outlines,
            FleetStatus fleet,
            SharedLiveFeeds feeds) {
        this.fleet = fleet;
        this.feeds = feeds;
        this.outlines = outlines;
        this.guard = guard;
        this.ui = ui;
        this.map = map;
        this.receivers = receivers;
    }

    /** A marker's status as the live stream sends it: the CSS name of {@link FleetStatus.Status}. */
    public record LiveMarker(String id, String status) {}

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@CookieParam(Ui.LANG_COOKIE) String lang, SecurityContext security) {
        return ui.page(map, "map", lang, security, "/map")
                .data("receivers", fleet.of(receivers.list(guard.scope().likePattern())))
                .data("outlines", outlines.under(guard.scope().areaPath()));
    }

    /**
     * Every marker's status as server-sent events of JSON, which loaxa.js applies to the markers and the list, read
     * once per tick for all the maps open on this replica with the same scope.
     */
    @GET
    @Path("live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<List<LiveMarker>> live() {
        String areas = guard.scope().likePattern();
        return feeds.feed(
                new MarkersKey(areas),
                HomePage.LIVE_INTERVAL,
                () -> fleet.of(receivers.list(areas)).stream()
                        .map(m -> new LiveMarker(m.id(), m.status().css()))
                        .toList());
    }
}
