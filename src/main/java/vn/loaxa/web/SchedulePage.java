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
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.area.service.AreaService;
import vn.loaxa.bulletin.api.BulletinView;
import vn.loaxa.bulletin.model.BulletinStatus;
import vn.loaxa.bulletin.service.BulletinService;
import vn.loaxa.schedule.api.BroadcastView;
import vn.loaxa.schedule.service.BroadcastService;

/** A week of broadcasts (Monday to Sunday, Vietnam time), and the form that schedules a bulletin. */
@Path("/schedule")
@RolesAllowed(Roles.VIEW)
public class SchedulePage {
    private final Ui ui;
    private final Template schedule;
    private final BroadcastService broadcasts;
    private final BulletinService bulletins;
    private final AreaService areas;
    private final AccessGuard guard;

    public SchedulePage(
            Ui ui,
            @Location("schedule.html") Template schedule,
            BroadcastService broadcasts,
            BulletinService bulletins,
            AreaService areas,
            AccessGuard guard) {
        this.guard = guard;
        this.ui = ui;
        this.schedule = schedule;
        this.broadcasts = broadcasts;
        this.bulletins = bulletins;
        this.areas = areas;
    }

    /** One airing in the calendar. */
    public record Slot(BroadcastView broadcast, BroadcastView.OccurrenceView occurrence) {}

    /** One column of the week. */
    public record Day(LocalDate date, boolean today, List<Slot> slots) {}

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(
            @QueryParam("week") String week, @CookieParam(Ui.LANG_COOKIE) String lang, SecurityContext security) {
        LocalDate monday = monday(week);
        List<BroadcastView> recent = broadcasts.recent(HomePage.RECENT, guard.scope());
        LocalDate today = LocalDate.now(Ui.ZONE);
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            LocalDate date = monday.plusDays(i);
            List<Slot> slots = new ArrayList<>();
            for (BroadcastView b : recent) {
                for (BroadcastView.OccurrenceView o : b.occurrences()) {
                    if (o.playAt().atZoneSameInstant(Ui.ZONE).toLocalDate().equals(date)) {
                        slots.add(new Slot(b, o));
                    }
                }
            }
            slots.sort(Comparator.comparing(s -> s.occurrence().playAt()));
            days.add(new Day(date, date.equals(today), slots));
        }
        List<BulletinView> readable = bulletins.list(guard.scope());
        return ui.page(schedule, "schedule", lang, security, "/schedule")
                .data("days", days)
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
