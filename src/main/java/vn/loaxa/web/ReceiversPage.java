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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.access.Scope;
import vn.loaxa.account.Roles;
import vn.loaxa.area.service.AreaService;
import vn.loaxa.common.text.SearchText;
import vn.loaxa.receiver.api.ReceiverView;
import vn.loaxa.receiver.service.ReceiverService;

/**
 * "Cụm thu": the receivers of the viewer's area subtree, by name and area name, with a filter that ignores accents.
 * A new receiver is provisioned by its name and area, and its device login is shown once, in the page, from the
 * API's answer. For the receiver chosen in the list ({@code ?receiver=<id>}): move it to another area, issue it a new
 * secret (shown once too) or revoke its access.
 */
@Path("/receivers")
@RolesAllowed(Roles.SCHEDULE)
public class ReceiversPage {
    private final Ui ui;
    private final Template receivers;
    private final ReceiverService service;
    private final AreaService areas;
    private final AccessGuard guard;

    public ReceiversPage(
            Ui ui,
            @Location("receivers.html") Template receivers,
            ReceiverService service,
            AreaService areas,
            AccessGuard guard) {
        this.ui = ui;
        this.receivers = receivers;
        this.service = service;
        this.areas = areas;
        this.guard = guard;
    }

    /** One receiver as the list shows it; {@code search} is its name and area folded for the filter. */
    public record Row(ReceiverView receiver, String name, String areaName, String lastSeen, String search) {}

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(
            @QueryParam("receiver") String receiver,
            @CookieParam(Ui.LANG_COOKIE) String lang,
            SecurityContext security) {
        Scope scope = guard.scope();
        List<AreaOptions.AreaOption> options = AreaOptions.of(areas.tree(scope.areaPath()));
        Map<String, String> names = AreaOptions.names(options);
        List<Row> rows = service.list(scope.likePattern()).stream()
                .map(r -> {
                    String name = r.displayName() == null || r.displayName().isBlank() ? r.id() : r.displayName();
                    String areaName = names.getOrDefault(r.areaCode(), r.areaCode());
                    return new Row(
                            r, name, areaName, Formats.time(r.lastSeen()), SearchText.fold(name + " " + areaName));
                })
                .sorted(Comparator.comparing(Row::areaName).thenComparing(Row::name))
                .toList();
        Row chosen = rows.stream()
                .filter(r -> r.receiver().id().equals(receiver))
                .findFirst()
                .orElse(null);
        return ui.page(receivers, "receivers", lang, security, "/receivers")
                .data("rows", rows)
                .data("chosen", chosen)
                .data("areaOptions", options);
    }
}
