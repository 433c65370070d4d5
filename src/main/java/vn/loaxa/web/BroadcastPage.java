package vn.loaxa.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestStreamElementType;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.area.service.AreaService;
import vn.loaxa.delivery.api.DeliveryReport;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.delivery.service.DeliveryQueryService;
import vn.loaxa.group.api.GroupView;
import vn.loaxa.group.service.GroupService;
import vn.loaxa.receiver.service.ReceiverService;
import vn.loaxa.schedule.api.BroadcastView;
import vn.loaxa.schedule.service.BroadcastGuard;
import vn.loaxa.schedule.service.BroadcastService;

/**
 * One broadcast: counts per delivery state and the receivers' table, filterable by state. The live part is sent
 * again every second as a server-sent event; each event is read from the database, so any replica can serve it.
 */
@Path("/broadcasts/{id}")
@RolesAllowed(Roles.VIEW)
public class BroadcastPage {
    static final Duration LIVE_INTERVAL = Duration.ofSeconds(1);
    /** A stream ends after an hour; the browser's EventSource then reconnects by itself. */
    static final long LIVE_EVENTS = 3600;

    private final Ui ui;
    private final Template broadcast;
    private final Template live;
    private final BroadcastService broadcasts;
    private final DeliveryQueryService deliveries;
    private final BroadcastGuard guard;
    private final AccessGuard access;
    private final AreaService areas;
    private final ReceiverService receivers;
    private final GroupService groups;

    public BroadcastPage(
            Ui ui,
            @Location("broadcast.html") Template broadcast,
            @Location("broadcast-live.html") Template live,
            BroadcastService broadcasts,
            DeliveryQueryService deliveries,
            BroadcastGuard guard,
            AccessGuard access,
            AreaService areas,
            ReceiverService receivers,
            GroupService groups) {
        this.guard = guard;
        this.groups = groups;
        this.areas = areas;
        this.receivers = receivers;
        this.access = access;
        this.ui = ui;
        this.broadcast = broadcast;
        this.live = live;
        this.broadcasts = broadcasts;
        this.deliveries = deliveries;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(
            @PathParam("id") UUID id,
            @QueryParam("state") String state,
            @CookieParam(Ui.LANG_COOKIE) String lang,
            SecurityContext security) {
        guard.read(id);
        DeliveryState filter = parse(state);
        BroadcastView view = broadcasts.get(id);
        return ui.page(broadcast, "schedule", lang, security, "/broadcasts/" + id)
                .data("b", view)
                // the cancel button only for those the API lets cancel it: schedulers of the owning area or above
                .data("mayCancel", security.isUserInRole(Roles.SCHEDULE) && guard.mayChange(id))
                // targets by their names, as they were picked
                .data("areaNames", areas.names(view.targetAreas()))
                .data("receiverNames", receivers.displayNames(view.targetReceivers()))
                .data(
                        "groupNames",
                        view.targetGroups().isEmpty()
                                ? Map.of()
                                : groups.list().stream()
                                        .filter(g -> view.targetGroups().contains(g.code()))
                                        .collect(Collectors.toMap(GroupView::code, GroupView::name)))
                .data("states", DeliveryState.values())
                .data("filter", filter == null ? "" : filter.name())
                .data("report", filtered(deliveries.ofBroadcast(id, access.receiversInScope()), filter));
    }

    /** The live part as server-sent events of HTML, which htmx's sse extension swaps into the page. */
    @GET
    @Path("live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_HTML)
    @Blocking
    public Multi<String> live(
            @PathParam("id") UUID id, @QueryParam("state") String state, @CookieParam(Ui.LANG_COOKIE) String lang) {
        guard.read(id); // 404 or 403 before the stream starts
        DeliveryState filter = parse(state);
        Predicate<String> mine = access.receiversInScope();
        return Multi.createFrom()
                .ticks()
                .startingAfter(Duration.ofMillis(1))
                .every(LIVE_INTERVAL)
                .onOverflow()
                .drop()
                .select()
                .first(LIVE_EVENTS)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> ui.fragment(live, lang)
                        .data("report", filtered(deliveries.ofBroadcast(id, mine), filter))
                        .data("filter", filter == null ? "" : filter.name())
                        .render()
                        .replace('\n', ' ')
                        .replace('\r', ' '));
    }

    static DeliveryState parse(String state) {
        return Arrays.stream(DeliveryState.values())
                .filter(s -> s.name().equals(state))
                .findFirst()
                .orElse(null);
    }

    private static DeliveryReport filtered(DeliveryReport report, DeliveryState state) {
        if (state == null) {
            return report;
        }
        List<DeliveryReport.Row> rows =
                report.deliveries().stream().filter(r -> r.state() == state).toList();
        return new DeliveryReport(report.broadcastId(), report.total(), report.counts(), report.reportedLate(), rows);
    }
}
