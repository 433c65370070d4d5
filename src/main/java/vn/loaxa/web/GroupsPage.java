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
import java.util.Set;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.access.Scope;
import vn.loaxa.account.Roles;
import vn.loaxa.area.service.AreaService;
import vn.loaxa.group.api.GroupView;
import vn.loaxa.group.service.GroupService;
import vn.loaxa.receiver.service.ReceiverService;

/**
 * "Nhóm cụm thu": the receiver groups the viewer's area owns. A group is created by its name and its receivers,
 * ticked by name; the group chosen in the list ({@code ?group=<code>}) is renamed, gains or loses receivers, or is
 * deleted. The forms call the receiver-groups API from the page (loaxa.js).
 */
@Path("/groups")
@RolesAllowed(Roles.SCHEDULE)
public class GroupsPage {
    private final Ui ui;
    private final Template groups;
    private final GroupService service;
    private final ReceiverService receivers;
    private final AreaService areas;
    private final AccessGuard guard;

    public GroupsPage(
            Ui ui,
            @Location("groups.html") Template groups,
            GroupService service,
            ReceiverService receivers,
            AreaService areas,
            AccessGuard guard) {
        this.ui = ui;
        this.groups = groups;
        this.service = service;
        this.receivers = receivers;
        this.areas = areas;
        this.guard = guard;
    }

    /** A receiver to tick by name, with its area's name; {@code member}: it is in the chosen group. */
    public record Choice(String id, String name, String areaName, boolean member) {}

    /** A group with its members' names. */
    public record Row(GroupView group, List<String> memberNames) {}

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(
            @QueryParam("group") String group, @CookieParam(Ui.LANG_COOKIE) String lang, SecurityContext security) {
        Scope scope = guard.scope();
        Map<String, String> areaNames = AreaOptions.names(AreaOptions.of(areas.tree(scope.areaPath())));
        List<Choice> all = receivers.list(scope.likePattern()).stream()
                .map(r -> new Choice(
                        r.id(),
                        r.displayName() == null || r.displayName().isBlank() ? r.id() : r.displayName(),
                        areaNames.getOrDefault(r.areaCode(), r.areaCode()),
                        false))
                .sorted(Comparator.comparing(Choice::areaName).thenComparing(Choice::name))
                .toList();
        List<GroupView> list = service.list(scope);
        Map<String, String> names = receivers.displayNames(
                list.stream().flatMap(g -> g.members().stream()).collect(java.util.stream.Collectors.toSet()));
        List<Row> rows = list.stream()
                .sorted(Comparator.comparing(GroupView::name))
                .map(g -> new Row(
                        g,
                        g.members().stream()
                                .map(id -> names.getOrDefault(id, id))
                                .sorted()
                                .toList()))
                .toList();
        Row chosen = rows.stream()
                .filter(r -> r.group().code().equals(group))
                .findFirst()
                .orElse(null);
        Set<String> members =
                chosen == null ? Set.of() : Set.copyOf(chosen.group().members());
        return ui.page(groups, "groups", lang, security, "/groups")
                .data("rows", rows)
                .data("chosen", chosen)
                .data("choices", all)
                .data(
                        "memberChoices",
                        all.stream()
                                .map(c -> new Choice(c.id(), c.name(), c.areaName(), members.contains(c.id())))
                                .toList());
    }
}
