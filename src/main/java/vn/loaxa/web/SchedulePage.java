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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.access.Scope;
import vn.loaxa.account.Roles;
import vn.loaxa.area.service.AreaService;
import vn.loaxa.bulletin.api.BulletinView;
import vn.loaxa.bulletin.model.BulletinStatus;
import vn.loaxa.bulletin.service.BulletinService;
import vn.loaxa.schedule.api.CalendarOccurrence;
import vn.loaxa.schedule.service.BroadcastCalendar;

/**
 * A week of broadcasts (Monday to Sunday, Vietnam time) with every airing of each series, the one-occurrence and
 * whole-series cancel actions for those who may, and the form that schedules a bulletin with its recurrence builder.
 */
@Path("/schedule")
@RolesAllowed(Roles.VIEW)
public class SchedulePage {
    private final Ui ui;
    private final Template schedule;
    private final BroadcastCalendar calendar;
    private final BulletinService bulletins;
    private final AreaService areas;
    private final AccessGuard guard;

    public SchedulePage(
            Ui ui,
            @Location("schedule.html") Template schedule,
            BroadcastCalendar calendar,
            BulletinService bulletins,
            AreaService areas,
            AccessGuard guard) {
        this.guard = guard;
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

    static final List<Weekday> WEEKDAYS = Arrays.stream(DayOfWeek.values())
            .map(d -> new Weekday(d, d.name().substring(0, 2)))
            .toList();

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(
            @QueryParam("week") String week, @CookieParam(Ui.LANG_COOKIE) String lang, SecurityContext security) {
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
                .data("areas", areas.codesUnder(guard.scope().areaPath()));
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
