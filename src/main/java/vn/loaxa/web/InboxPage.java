package vn.loaxa.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.area.api.AreaNode;
import vn.loaxa.area.model.AreaKind;
import vn.loaxa.area.service.AreaService;
import vn.loaxa.inbox.api.InboxItemView;
import vn.loaxa.inbox.api.PolicyView;
import vn.loaxa.inbox.model.InboxStatus;
import vn.loaxa.inbox.service.InboxService;

/**
 * "Hộp thư xã": the NORMAL bulletins sent down to a commune. The operator accepts one at the broadcast's own time or
 * at a time of the commune's choosing (proposed from the commune's usual airing time), declines one with a reason, and
 * sets whether the commune accepts them all by itself and its usual airing time. The forms call the inbox API from the page (see loaxa.js).
 */
@Path("/inbox")
@RolesAllowed(Roles.SCHEDULE)
public class InboxPage {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("HH:mm, dd/MM/yyyy");
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final Ui ui;
    private final Template inbox;
    private final InboxService service;
    private final AreaService areas;
    private final AccessGuard guard;

    public InboxPage(
            Ui ui, @Location("inbox.html") Template inbox, InboxService service, AreaService areas, AccessGuard guard) {
        this.ui = ui;
        this.inbox = inbox;
        this.service = service;
        this.areas = areas;
        this.guard = guard;
    }

    /** A commune the viewer may look after. */
    public record Commune(String code, String name) {}

    /**
     * One inbox item as the page shows it: its first airing in the broadcast's zone, in Vietnamese date order, and
     * the value and zone offset the own-time field starts from.
     */
    public record Row(
            InboxItemView item,
            String playAt,
            String decidedAt,
            String inputValue,
            String offset,
            boolean recurring,
            boolean pending) {}

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(
            @QueryParam("commune") String commune, @CookieParam(Ui.LANG_COOKIE) String lang, SecurityContext security) {
        List<Commune> communes = new ArrayList<>();
        collect(areas.tree(guard.scope().areaPath()), communes);
        Commune chosen = communes.stream()
                .filter(c -> c.code().equals(commune))
                .findFirst()
                .orElse(communes.isEmpty() ? null : communes.get(0));
        List<Row> pending = List.of();
        List<Row> decided = List.of();
        PolicyView policy = null;
        if (chosen != null) {
            guard.area(chosen.code());
            policy = service.policy(chosen.code());
            LocalTime usual = policy.defaultTime();
            List<Row> rows = service.inbox(chosen.code()).stream()
                    .map(item -> row(item, usual))
                    .toList();
            pending = rows.stream().filter(Row::pending).toList();
            decided = rows.stream().filter(r -> !r.pending()).toList();
        }
        return ui.page(inbox, "inbox", lang, security, "/inbox")
                .data("communes", communes)
                .data("commune", chosen)
                .data("policy", policy)
                .data("pending", pending)
                .data("decided", decided)
                .data(
                        "defaultTime",
                        policy == null || policy.defaultTime() == null ? "" : CLOCK.format(policy.defaultTime()));
    }

    private static void collect(List<AreaNode> nodes, List<Commune> communes) {
        for (AreaNode node : nodes) {
            if (node.kind() == AreaKind.COMMUNE) {
                communes.add(new Commune(node.code(), node.name()));
            }
            collect(node.children(), communes);
        }
    }

    /** The row of an item; the own-time field proposes the commune's usual time on the airing's day, if it has one. */
    static Row row(InboxItemView item, LocalTime usual) {
        ZoneId zone = zoneOf(item.timeZone());
        ZonedDateTime at = item.playAt() == null ? null : item.playAt().atZoneSameInstant(zone);
        OffsetDateTime decided = item.decidedAt();
        ZonedDateTime proposed = at == null || usual == null ? at : at.with(usual);
        return new Row(
                item,
                at == null ? "—" : at.format(SHOWN),
                decided == null ? "—" : decided.atZoneSameInstant(zone).format(SHOWN),
                proposed == null ? "" : proposed.format(INPUT),
                (proposed == null ? ZonedDateTime.now(zone) : proposed)
                        .getOffset()
                        .getId()
                        .replace("Z", "+00:00"),
                item.rrule() != null && !item.rrule().isBlank(),
                item.status() == InboxStatus.PENDING);
    }

    private static ZoneId zoneOf(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return Ui.ZONE;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return Ui.ZONE;
        }
    }
}
