package vn.loaxa.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestStreamElementType;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.delivery.api.DeliveryReport;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.delivery.service.DeliveryQueryService;
import vn.loaxa.dispatch.service.PublishRetry;
import vn.loaxa.receiver.api.ReceiverView;
import vn.loaxa.receiver.service.ReceiverService;
import vn.loaxa.schedule.api.BroadcastView;
import vn.loaxa.schedule.service.BroadcastService;

/**
 * The overview: receivers online and offline, today's broadcasts with live progress, and alerts. It is a dashboard,
 * so it needs the {@code view} capability; a person without it (a provider) is sent to the library, where their work is.
 */
@Path("/")
public class HomePage {
    /** How many of the newest broadcasts are searched for today's occurrences. */
    static final int RECENT = 200;

    /** How often the live part of the overview is sent again; a change shows within this much. */
    static final Duration LIVE_INTERVAL = Duration.ofSeconds(2);

    private static final int ALERTS = 20;
    private static final String SESSION_COOKIE = "quarkus-credential";

    private final Ui ui;
    private final Template home;
    private final Template today;
    private final Template overviewLive;
    private final FleetStatus fleet;
    private final ReceiverService receivers;
    private final BroadcastService broadcasts;
    private final DeliveryQueryService deliveries;
    private final AccessGuard guard;
    private final PublishRetry publishRetry;
    private final int tableRows;
    private final SharedLiveFeeds feeds;

    /** What one overview feed reads: the receivers of one scope, rendered in one language. */
    private record LiveKey(String areas, String lang) {}

    public HomePage(
            Ui ui,
            @Location("home.html") Template home,
            @Location("today.html") Template today,
            @Location("overview-live.html") Template overviewLive,
            FleetStatus fleet,
            ReceiverService receivers,
            BroadcastService broadcasts,
            DeliveryQueryService deliveries,
            AccessGuard guard,
            PublishRetry publishRetry,
            SharedLiveFeeds feeds,
            @ConfigProperty(name = "loaxa.ui.overview-rows", defaultValue = "200") int tableRows) {
        this.tableRows = tableRows;
        this.publishRetry = publishRetry;
        this.feeds = feeds;
        this.guard = guard;
        this.ui = ui;
        this.home = home;
        this.today = today;
        this.overviewLive = overviewLive;
        this.fleet = fleet;
        this.receivers = receivers;
        this.broadcasts = broadcasts;
        this.deliveries = deliveries;
    }

    /** A broadcast with its delivery counts; {@code percent} is the share of deliveries that reached an end state. */
    public record BroadcastLine(BroadcastView broadcast, DeliveryReport delivery) {
        public long count(String state) {
            return delivery.counts().getOrDefault(DeliveryState.valueOf(state), 0L);
        }

        public long played() {
            return count("PLAYED");
        }

        /** Of the played ones, those a late report turned from MISSED. */
        public long reportedLate() {
            return delivery.reportedLate();
        }

        public long problems() {
            return count("FAILED") + count("MISSED");
        }

        public int percent() {
            return delivery.total() == 0 ? 0 : (int) (100 * played() / delivery.total());
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(Roles.USER)
    public Response page(@CookieParam(Ui.LANG_COOKIE) String lang, SecurityContext security) {
        if (!security.isUserInRole(Roles.VIEW)) {
            return Response.seeOther(URI.create(security.isUserInRole(Roles.AUTHOR) ? "/library" : "/translations"))
                    .build();
        }
        Predicate<String> mine = guard.receiversInScope();
        return Response.ok(withFleet(
                                ui.page(home, "overview", lang, security, "/"),
                                guard.scope().likePattern(),
                                mine)
                        .data("broadcasts", todaysBroadcasts(mine)))
                .type(MediaType.TEXT_HTML_TYPE)
                .build();
    }

    /**
     * The overview's receivers, counts and alerts as server-sent events of HTML, which htmx's sse extension swaps
     * into the page: each event is read from the database, so any replica can serve it, once per tick for all the
     * pages open on this replica with the same scope and language.
     */
    @GET
    @Path("fragments/overview/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_HTML)
    @Blocking
    @RolesAllowed(Roles.VIEW)
    public Multi<String> live(@CookieParam(Ui.LANG_COOKIE) String lang) {
        String areas = guard.scope().likePattern();
        Predicate<String> mine = guard.receiversInScope();
        return feeds.feed(
                new LiveKey(areas, lang),
                LIVE_INTERVAL,
                () -> withFleet(ui.fragment(overviewLive, lang), areas, mine)
                        .render()
                        .replace('\n', ' ')
                        .replace('\r', ' '));
    }

    private TemplateInstance withFleet(TemplateInstance page, String areas, Predicate<String> mine) {
        List<ReceiverView> all = receivers.list(areas);
        List<ReceiverView> offline = all.stream().filter(r -> !r.online()).toList();
        List<ReceiverView> offlineListed = OverviewRows.offlineAlerts(offline, ALERTS);
        return page.data("receivers", OverviewRows.table(fleet.of(all), tableRows, OffsetDateTime.now()))
                .data("receiverTotal", all.size())
                .data("onlineCount", all.size() - offline.size())
                .data("offlineCount", offline.size())
                .data("offline", offlineListed)
                .data("offlineNotListed", offline.size() - offlineListed.size())
                .data("problems", deliveries.problemsSince(OffsetDateTime.now().minusDays(1), ALERTS, mine))
                .data("publishBacklog", publishRetry.backlog());
    }

    /** Today's broadcasts and their progress bars, polled by the overview. */
    @GET
    @Path("fragments/today")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(Roles.VIEW)
    public TemplateInstance today(@CookieParam(Ui.LANG_COOKIE) String lang) {
        return ui.fragment(today, lang).data("broadcasts", todaysBroadcasts(guard.receiversInScope()));
    }

    @GET
    @Path("logout")
    @PermitAll
    public Response logout() {
        return Response.seeOther(URI.create("/login.html"))
                .cookie(new NewCookie.Builder(SESSION_COOKIE)
                        .path("/")
                        .maxAge(0)
                        .build())
                .build();
    }

    private List<BroadcastLine> todaysBroadcasts(Predicate<String> mine) {
        LocalDate date = LocalDate.now(Ui.ZONE);
        return broadcasts.recent(RECENT, guard.scope()).stream()
                .filter(b -> b.occurrences().stream()
                        .anyMatch(o -> o.playAt()
                                .atZoneSameInstant(Ui.ZONE)
                                .toLocalDate()
                                .equals(date)))
                .map(b -> new BroadcastLine(b, deliveries.ofBroadcast(b.id(), mine)))
                .toList();
    }
}
