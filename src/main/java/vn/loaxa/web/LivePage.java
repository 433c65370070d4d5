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
import java.util.List;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.access.Scope;
import vn.loaxa.account.Roles;
import vn.loaxa.area.api.AreaNode;
import vn.loaxa.area.service.AreaService;
import vn.loaxa.group.service.GroupService;
import vn.loaxa.receiver.service.ReceiverService;

/**
 * "Phát trực tiếp": a person speaks into the browser's microphone and is heard on the chosen receivers. The page
 * starts a session through the live API, encodes the microphone to Opus in the browser (WebCodecs) and sends the
 * packets on the session's socket, with a level meter, a timer and who is listening (live.js).
 */
@Path("/live")
@RolesAllowed(Roles.SCHEDULE)
public class LivePage {
    private final Ui ui;
    private final Template live;
    private final AccessGuard guard;
    private final AreaService areas;
    private final GroupService groups;
    private final ReceiverService receivers;

    public LivePage(
            Ui ui,
            @Location("live.html") Template live,
            AccessGuard guard,
            AreaService areas,
            GroupService groups,
            ReceiverService receivers) {
        this.ui = ui;
        this.live = live;
        this.guard = guard;
        this.areas = areas;
        this.groups = groups;
        this.receivers = receivers;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@CookieParam(Ui.LANG_COOKIE) String lang, SecurityContext security) {
        Scope scope = guard.scope();
        List<AreaNode> areaTree = areas.tree(scope.areaPath());
        return ui.page(live, "live", lang, security, "/live")
                .data("areaChoices", SchedulePage.areaChoices(areaTree))
                .data("groups", groups.list(scope))
                .data("receivers", SchedulePage.receiverChoices(receivers.list(scope.likePattern()), areaTree));
    }
}
