package vn.loaxa.report.service;

import io.quarkus.qute.i18n.Localized;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.loaxa.area.model.AreaRepository;
import vn.loaxa.language.model.Language;
import vn.loaxa.language.model.LanguageRepository;
import vn.loaxa.report.api.AsRunReport;
import vn.loaxa.report.api.AvailabilityReport;
import vn.loaxa.report.api.CoverageReport;
import vn.loaxa.report.api.PlaysReport;
import vn.loaxa.report.api.ReportDocument;
import vn.loaxa.report.api.ReportTable;

/**
 * Lays a report out for export in a language ({@value #VIETNAMESE} or {@value #ENGLISH}): a heading (title, period,
 * the area by name, when it was made), then tables whose titles and columns come from {@link ReportMessages}, with times in
 * {@code loaxa.report.zone} as dd/MM/yyyy HH:mm:ss. The numbers, and so the totals, are those of the report.
 */
@ApplicationScoped
public class ReportTables {
    public static final String VIETNAMESE = "vi";
    public static final String ENGLISH = "en";
    /** The languages an export can be written in, the default first. */
    public static final List<String> LANGUAGES = List.of(VIETNAMESE, ENGLISH);

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final ReportMessages vi;
    private final ReportMessages en;
    private final ReportConfig config;
    private final LanguageRepository languages;
    private final AreaRepository areas;

    public ReportTables(
            ReportMessages vi,
            @Localized(ENGLISH) ReportMessages en,
            ReportConfig config,
            LanguageRepository languages,
            AreaRepository areas) {
        this.vi = vi;
        this.en = en;
        this.config = config;
        this.languages = languages;
        this.areas = areas;
    }

    /** Plays per content item, topic, language (by the catalogue's name) and area, each ending with the total. */
    @Transactional
    public ReportDocument plays(PlaysReport report, String lang) {
        ReportMessages m = messages(lang);
        Map<String, String> names =
                languages.listAll().stream().collect(Collectors.toMap(l -> l.code, l -> languageName(l, lang)));
        List<String> columns =
                List.of(m.col_key(), m.col_name(), m.col_plays(), m.col_seconds(), m.col_reported_late());
        return new ReportDocument(
                heading(m, m.title_plays(), report.from(), report.to(), report.area()),
                List.of(
                        playsTable(m, m.table_plays_content(), columns, report, report.byContent(), l -> l.label()),
                        playsTable(m, m.table_plays_topic(), columns, report, report.byTopic(), l -> l.label()),
                        playsTable(
                                m,
                                m.table_plays_language(),
                                columns,
                                report,
                                report.byLanguage(),
                                l -> names.getOrDefault(l.key(), l.label())),
                        playsTable(m, m.table_plays_area(), columns, report, report.byArea(), l -> l.label())));
    }

    @Transactional
    public ReportDocument asRun(AsRunReport report, String lang) {
        ReportMessages m = messages(lang);
        List<List<Object>> lines = new ArrayList<>();
        report.rows()
                .forEach(r -> lines.add(Arrays.asList(
                        r.occurrenceId(),
                        r.bulletin(),
                        r.receiverId(),
                        r.areaCode(),
                        time(r.plannedAt()),
                        time(r.startedAt()),
                        time(r.finishedAt()),
                        m.state(r.state()),
                        r.reason(),
                        r.test() ? m.test_mark() : null,
                        time(r.reportedLateAt()))));
        lines.add(Arrays.asList(m.total(), report.total(), null, null, null, null, null, null, null, null, null));
        List<List<Object>> states = new ArrayList<>();
        report.counts().forEach((state, count) -> states.add(List.of(m.state(state), count)));
        states.add(List.of(m.total(), (long) report.total()));
        return new ReportDocument(
                heading(m, m.title_as_run(), report.from(), report.to(), report.area()),
                List.of(
                        new ReportTable(
                                m.table_as_run(),
                                List.of(
                                        m.col_occurrence(),
                                        m.col_bulletin(),
                                        m.col_receiver(),
                                        m.col_area(),
                                        m.col_planned(),
                                        m.col_started(),
                                        m.col_finished(),
                                        m.col_state(),
                                        m.col_reason(),
                                        m.col_test(),
                                        m.col_reported_late_at()),
                                lines),
                        new ReportTable(m.table_states(), List.of(m.col_state(), m.col_count()), states)));
    }

    @Transactional
    public ReportDocument availability(AvailabilityReport report, String lang) {
        ReportMessages m = messages(lang);
        List<List<Object>> perReceiver = new ArrayList<>();
        report.receivers()
                .forEach(r -> perReceiver.add(Arrays.asList(
                        r.receiverId(),
                        r.areaCode(),
                        r.outages(),
                        r.downtimeSeconds(),
                        r.observedSeconds(),
                        r.uptimePercent())));
        perReceiver.add(Arrays.asList(m.total(), "", report.outageCount(), report.downtimeSeconds(), null, null));
        List<List<Object>> lines = new ArrayList<>();
        report.outages()
                .forEach(o -> lines.add(
                        Arrays.asList(o.receiverId(), time(o.startedAt()), time(o.endedAt()), o.durationSeconds())));
        lines.add(Arrays.asList(m.total(), null, null, report.downtimeSeconds()));
        return new ReportDocument(
                heading(m, m.title_availability(), report.from(), report.to(), report.area()),
                List.of(
                        new ReportTable(
                                m.table_uptime(),
                                List.of(
                                        m.col_receiver(),
                                        m.col_area(),
                                        m.col_outages(),
                                        m.col_downtime(),
                                        m.col_observed(),
                                        m.col_uptime()),
                                perReceiver),
                        new ReportTable(
                                m.table_outages(),
                                List.of(m.col_receiver(), m.col_started(), m.col_ended(), m.col_duration()),
                                lines)));
    }

    /**
     * The coverage report: airtime per language in each commune, each required language's share of the bulletins
     * aired there, and the bulletins that lacked one; each table ends with the area's roll-up. Languages by name.
     */
    @Transactional
    public ReportDocument coverage(CoverageReport report, String lang) {
        ReportMessages m = messages(lang);
        Map<String, String> names =
                languages.listAll().stream().collect(Collectors.toMap(l -> l.code, l -> languageName(l, lang)));
        Function<String, String> name = code -> names.getOrDefault(code, code);
        List<List<Object>> airtime = new ArrayList<>();
        List<List<Object>> reach = new ArrayList<>();
        for (CoverageReport.Coverage commune : report.communes()) {
            commune.airtime()
                    .forEach(
                            a -> airtime.add(Arrays.asList(commune.areaName(), name.apply(a.language()), a.seconds())));
            commune.required()
                    .forEach(r -> reach.add(Arrays.asList(
                            commune.areaName(), name.apply(r.language()), r.aired(), r.reached(), r.sharePercent())));
        }
        CoverageReport.Coverage total = report.total();
        total.airtime().forEach(a -> airtime.add(Arrays.asList(m.total(), name.apply(a.language()), a.seconds())));
        total.required()
                .forEach(r -> reach.add(
                        Arrays.asList(m.total(), name.apply(r.language()), r.aired(), r.reached(), r.sharePercent())));
        List<List<Object>> lacking = new ArrayList<>();
        total.lacking()
                .forEach(l -> lacking.add(
                        Arrays.asList(l.areaName(), l.title(), time(l.airedAt()), name.apply(l.language()))));
        lacking.add(Arrays.asList(m.total(), (long) total.lacking().size(), null, null));
        return new ReportDocument(
                heading(m, m.title_coverage(), report.from(), report.to(), report.area()),
                List.of(
                        new ReportTable(
                                m.table_coverage_airtime(),
                                List.of(m.col_commune(), m.col_language(), m.col_seconds()),
                                airtime),
                        new ReportTable(
                                m.table_coverage_reach(),
                                List.of(
                                        m.col_commune(),
                                        m.col_language(),
                                        m.col_aired(),
                                        m.col_reached(),
                                        m.col_share()),
                                reach),
                        new ReportTable(
                                m.table_coverage_lacking(),
                                List.of(
                                        m.col_commune(),
                                        m.col_bulletin(),
                                        m.col_first_aired(),
                                        m.col_missing_language()),
                                lacking)));
    }

    /** A time in the report's zone, dd/MM/yyyy HH:mm:ss; null stays null (an empty cell). */
    String time(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(config.zone()).format(TIME);
    }

    private List<String> heading(ReportMessages m, String title, LocalDate from, LocalDate to, String area) {
        return List.of(
                title,
                m.period(from.format(DAY), to.format(DAY)),
                m.area(
                        area == null
                                ? m.all_areas()
                                : areas.findByIdOptional(area).map(a -> a.name).orElse(area)),
                m.generated(time(OffsetDateTime.now()), config.zone().getId()));
    }

    private static ReportTable playsTable(
            ReportMessages m,
            String title,
            List<String> columns,
            PlaysReport report,
            List<PlaysReport.Line> lines,
            Function<PlaysReport.Line, String> label) {
        List<List<Object>> rows = new ArrayList<>();
        lines.forEach(l -> rows.add(List.of(l.key(), label.apply(l), l.plays(), l.seconds(), l.reportedLate())));
        rows.add(List.of(m.total(), "", report.plays(), report.seconds(), report.reportedLate()));
        return new ReportTable(title, columns, rows);
    }

    private ReportMessages messages(String lang) {
        return ENGLISH.equals(lang) ? en : vi;
    }

    private static String languageName(Language language, String lang) {
        String name = ENGLISH.equals(lang) ? language.nameEn : language.nameVi;
        return name == null || name.isBlank() ? language.code : name;
    }
}
