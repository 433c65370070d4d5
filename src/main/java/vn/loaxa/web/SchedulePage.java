package vn.loaxa.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.access.Scope;
import vn.loaxa.account.Roles;
import vn.loaxa.area.api.AreaNode;
import vn.loaxa.area.service.AreaService;
import vn.loaxa.bulletin.api.BulletinView;
import vn.loaxa.bulletin.model.BulletinStatus;
import vn.loaxa.bulletin.service.BulletinService;
import vn.loaxa.group.service.GroupService;
import vn.loaxa.receiver.api.ReceiverView;
import vn.loaxa.receiver.service.ReceiverService;
import vn.loaxa.schedule.api.CalendarOccurrence;
import vn.loaxa.schedule.service.BroadcastCalendar;

/**
 * A week of broadcasts (Monday to Sunday, Vietnam time) with every airing of each series, the one-occurrence and
 * whole-series cancel actions for those who may, and the form that schedules a bulletin with its recurrence builder
 * or plays it now. Targets are picked by name: the viewer's area tree (an area stands for its whole subtree), the
 * receiver groups and the receivers of the viewer's subtree; {@code ?bulletin=<id>} preselects a bulletin.
 */
@Path("/schedule")
@RolesAllowed(Roles.VIEW)
public class SchedulePage {
    private final Ui ui;
    private final Template schedule;
    private final BroadcastCalendar calendar;
    private final BulletinService bulletins;
    private final AreaService areas;
    private final GroupService groups;
    private final ReceiverService receivers;
    private final AccessGuard guard;

    public SchedulePage(
            Ui ui,
            @Location("schedule.html") Template schedule,
            BroadcastCalendar calendar,
            BulletinService bulletins,
            AreaService areas,
            GroupService groups,
            ReceiverService receivers,
            AccessGuard guard) {
        this.guard = guard;
        this.groups = groups;
        this.receivers = receivers;
        this.ui = ui;
        this.schedule = schedule;
        this.calendar = calendar;
        this.bulletins = bulletins;
        this.areas = areas;
    }

    /** One airing in the calendar, and whether the viewer may cancel it (or its series). */
    public record Slot(CalendarOccurrence occurrence, boolean mayCancel, String when) {
        /** Its local start time, as the API takes it to cancel this one occurrence. */
        public String localTime() {
            return occurrence.start().toLocalDateTime().toString();
        }

        /** The start with its offset, for the {@code datetime} attribute. */
        public String datetime() {
            return occurrence.start().toOffsetDateTime().toString();
        }

        /** The broadcast's zone. */
        public String zone() {
            return occurrence.start().getZone().getId();
        }

        /** Whether the broadcast's zone is another than the calendar's, so that the zone is worth showing. */
        public boolean otherZone() {
            return !occurrence.start().getZone().equals(Ui.ZONE);
        }
    }

    /** One column of the week. */
    public record Day(LocalDate date, boolean today, List<Slot> slots) {}

    /** A weekday of the recurrence builder, with its RFC 5545 BYDAY code. */
    public record Weekday(DayOfWeek day, String code) {}

    /**
     * One area of the target tree, listed depth first. {@code path} is its line from the tree's root (codes between
     * slashes), so that the page can tell an area's subtree; {@code opens}: its children follow in a nested list;
     * {@code closes}: how many nested lists end after it.
     */
    public record AreaChoice(String code, String name, String path, int depth, boolean opens, int closes) {}

    /** A receiver to pick by its name, with the name of its area. */
    public record ReceiverChoice(String id, String name, String areaName) {}

    static final List<Weekday> WEEKDAYS = Arrays.stream(DayOfWeek.values())
            .map(d -> new Weekday(d, d.name().substring(0, 2)))
            .toList();

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(
            @QueryParam("week") String week,
            @QueryParam("bulletin") String bulletin,
            @CookieParam(Ui.LANG_COOKIE) String lang,
            SecurityContext security) {
        LocalDate monday = monday(week);
        Scope scope = guard.scope();
        boolean schedules = security.isUserInRole(Roles.SCHEDULE);
        UiMessages messages = MessageBundles.get(UiMessages.class, Localized.Literal.of(Ui.language(lang)));
        List<CalendarOccurrence> airings = calendar.between(
                scope,
                monday.atStartOfDay(Ui.ZONE).toInstant(),
                monday.plusWeeks(1).atStartOfDay(Ui.ZONE).toInstant());
        Map<LocalDate, List<Slot>> byDate = new HashMap<>();
        Map<String, Boolean> changeable = new HashMap<>();
        for (CalendarOccurrence airing : airings) {
            boolean mayCancel = schedules
                    && changeable.computeIfAbsent(airing.ownerArea(), area -> scope.mayChange(guard.pathOf(area)));
            String when = messages.weekday(airing.start().getDayOfWeek()) + " " + Formats.dayTime(airing.start());
            byDate.computeIfAbsent(airing.start().withZoneSameInstant(Ui.ZONE).toLocalDate(), d -> new ArrayList<>())
                    .add(new Slot(airing, mayCancel, when));
        }
        LocalDate today = LocalDate.now(Ui.ZONE);
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            LocalDate date = monday.plusDays(i);
            days.add(new Day(date, date.equals(today), byDate.getOrDefault(date, List.of())));
        }
        List<BulletinView> readable = bulletins.list(guard.scope());
        // the form's target choices are read only for those who see the form
        List<AreaNode> areaTree = schedules ? areas.tree(scope.areaPath()) : List.of();
        return ui.page(schedule, "schedule", lang, security, "/schedule")
                .data("days", days)
                .data("weekdays", WEEKDAYS)
                .data("previousWeek", monday.minusWeeks(1))
                .data("nextWeek", monday.plusWeeks(1))
                .data(
                        "bulletins",
                        readable.stream().filter(SchedulePage::approved).toList())
                // not silently missing: shown, greyed out with their state, and the hint says why
                .data("unapproved", readable.stream().filter(b -> !approved(b)).toList())
                .data("selectedBulletin", bulletin == null ? "" : bulletin)
                .data("areaChoices", areaChoices(areaTree))
                .data("groups", schedules ? groups.list(scope) : List.of())
                .data(
                        "receivers",
                        schedules ? receiverChoices(receivers.list(scope.likePattern()), areaTree) : List.of())
                .data("serverNow", System.currentTimeMillis());
    }

    /** The tree depth first, each area with what the page needs to nest it. */
    static List<AreaChoice> areaChoices(List<AreaNode> roots) {
        List<AreaChoice> choices = new ArrayList<>();
        for (AreaNode root : roots) {
            addChoices(root, "/", 0, choices);
        }
        return choices;
    }

    private static void addChoices(AreaNode node, String parentPath, int depth, List<AreaChoice> choices) {
        String path = parentPath + node.code() + "/";
        boolean opens = !node.children().isEmpty();
        choices.add(new AreaChoice(node.code(), node.name(), path, depth, opens, 0));
        for (AreaNode child : node.children()) {
            addChoices(child, path, depth + 1, choices);
        }
        if (opens) { // the last area listed under this one closes this one's nested list
            AreaChoice last = choices.get(choices.size() - 1);
            choices.set(
                    choices.size() - 1,
                    new AreaChoice(
                            last.code(), last.name(), last.path(), last.depth(), last.opens(), last.closes() + 1));
        }
    }

    static List<ReceiverChoice> receiverChoices(List<ReceiverView> list, List<AreaNode> tree) {
        Map<String, String> areaNames = new HashMap<>();
        areaNames(tree, areaNames);
        return list.stream()
                .map(r -> new ReceiverChoice(
                        r.id(),
                        r.displayName() == null || r.displayName().isBlank() ? r.id() : r.displayName(),
                        areaNames.getOrDefault(r.areaCode(), r.areaCode())))
                .sorted(Comparator.comparing(ReceiverChoice::areaName).thenComparing(ReceiverChoice::name))
                .toList();
    }

    private static void areaNames(List<AreaNode> nodes, Map<String, String> names) {
        for (AreaNode node : nodes) {
            names.put(node.code(), node.name());
            areaNames(node.children(), names);
        }
    }

    private static boolean approved(BulletinView bulletin) {
        return bulletin.status() == BulletinStatus.APPROVED;
    }

    static LocalDate monday(String week) {
        LocalDate day = LocalDate.now(Ui.ZONE);
        if (week != null && !week.isBlank()) {
            try {
                day = LocalDate.parse(week);
            } catch (DateTimeParseException e) {
                // an unreadable week shows the current one
            }
        }
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
