package vn.loaxa.schedule.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.schedule.api.BroadcastRequest;
import vn.loaxa.schedule.model.Broadcast;
import vn.loaxa.schedule.model.BroadcastRepository;
import vn.loaxa.schedule.service.BroadcastService;
import vn.loaxa.schedule.service.ManifestScope;
import vn.loaxa.schedule.service.Recurrence;
import vn.loaxa.schedule.service.RelayCheck;
import vn.loaxa.schedule.service.ScheduleConfig;
import vn.loaxa.schedule.service.TargetResolver;

/**
 * Schedules as code: validates, diffs and applies a set of schedule files. Applying is all or nothing and
 * idempotent: an entry is known by its key, and an entry whose fingerprint did not change is left alone.
 */
@ApplicationScoped
public class ScheduleSetService {
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");
    private static final int MAX_FILES = 100;

    public record SourceFile(String name, String content) {}

    private final ScheduleFileParser parser = new ScheduleFileParser();
    private final BroadcastRepository broadcasts;
    private final BulletinRepository bulletins;
    private final BroadcastService service;
    private final TargetResolver targets;
    private final ScheduleConfig config;
    private final ObjectMapper json;
    private final RelayCheck relayCheck;

    public ScheduleSetService(
            BroadcastRepository broadcasts,
            BulletinRepository bulletins,
            BroadcastService service,
            TargetResolver targets,
            ScheduleConfig config,
            ObjectMapper json,
            RelayCheck relayCheck) {
        this.relayCheck = relayCheck;
        this.broadcasts = broadcasts;
        this.bulletins = bulletins;
        this.service = service;
        this.targets = targets;
        this.config = config;
        this.json = json;
    }

    /** Syntax and self-consistency only; needs no database. */
    public SchedulePlan validate(List<SourceFile> files) {
        List<ScheduleFileError> errors = new ArrayList<>();
        read(files, errors);
        return new SchedulePlan(List.of(), errors);
    }

    /** What {@link #apply} would do, with references to bulletins, areas and receivers checked. */
    public SchedulePlan diff(List<SourceFile> files) {
        return QuarkusTransaction.requiringNew().call(() -> plan(files).plan());
    }

    public SchedulePlan apply(List<SourceFile> files, String user) {
        ManifestScope affected = ManifestScope.empty();
        SchedulePlan result;
        // the variants are rendered before the one transaction that applies the files
        QuarkusTransaction.requiringNew()
                .call(() -> plan(files))
                .resolved()
                .values()
                .forEach(resolved -> service.prepare(resolved.request()));
        try {
            result = QuarkusTransaction.requiringNew().call(() -> execute(plan(files), user, affected));
        } catch (EntryFailed failed) {
            return new SchedulePlan(List.of(), List.of(failed.error));
        }
        service.republish(affected);
        return result;
    }

    private record Planned(SchedulePlan plan, Map<String, Resolved> resolved) {}

    private record Resolved(LocatedEntry located, BroadcastRequest request, String hash) {}

    private Planned plan(List<SourceFile> files) {
        List<ScheduleFileError> errors = new ArrayList<>();
        List<LocatedEntry> entries = read(files, errors);
        Map<String, Resolved> resolved = new HashMap<>();
        for (LocatedEntry located : entries) {
            try {
                BroadcastRequest request = request(located.entry());
                targets.receiverIds(
                        request.targets().areasOrEmpty(),
                        request.targets().receiversOrEmpty(),
                        request.targets().groupsOrEmpty());
                resolved.put(
                        located.entry().key(),
                        new Resolved(located, request, hash(located.entry().key(), request)));
            } catch (InvalidRequestException | NotFoundException e) {
                errors.add(error(located, e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            return new Planned(new SchedulePlan(List.of(), errors), resolved);
        }
        Set<String> fileNames =
                new HashSet<>(files.stream().map(SourceFile::name).toList());
        List<SchedulePlan.Step> steps = new ArrayList<>();
        Map<String, Broadcast> existing = new HashMap<>();
        for (Broadcast b : broadcasts.list("sourceKey is not null and cancelledAt is null")) {
            existing.put(b.sourceKey, b);
        }
        for (Resolved r : resolved.values()) {
            Broadcast current = existing.get(r.located().entry().key());
            SchedulePlan.Action action = current == null
                    ? SchedulePlan.Action.CREATE
                    : current.sourceHash.equals(r.hash()) ? SchedulePlan.Action.UNCHANGED : SchedulePlan.Action.REPLACE;
            steps.add(new SchedulePlan.Step(
                    action,
                    r.located().entry().key(),
                    r.located().file(),
                    r.located().line(),
                    current == null ? null : current.id));
        }
        for (Broadcast b : existing.values()) {
            if (fileNames.contains(b.sourceFile) && !resolved.containsKey(b.sourceKey)) {
                steps.add(new SchedulePlan.Step(SchedulePlan.Action.CANCEL, b.sourceKey, b.sourceFile, null, b.id));
            }
        }
        steps.sort(java.util.Comparator.comparing(SchedulePlan.Step::file)
                .thenComparing(s -> s.line() == null ? Integer.MAX_VALUE : s.line()));
        return new Planned(new SchedulePlan(steps, List.of()), resolved);
    }

    private SchedulePlan execute(Planned planned, String user, ManifestScope affected) {
        if (!planned.plan().valid()) {
            return planned.plan();
        }
        List<SchedulePlan.Step> done = new ArrayList<>();
        for (SchedulePlan.Step step : planned.plan().steps()) {
            if (step.action() == SchedulePlan.Action.CANCEL || step.action() == SchedulePlan.Action.REPLACE) {
                affected.addAll(service.cancelInTransaction(step.broadcastId(), user));
            }
            UUID id = step.broadcastId();
            if (step.action() == SchedulePlan.Action.CREATE || step.action() == SchedulePlan.Action.REPLACE) {
                Resolved r = planned.resolved().get(step.key());
                try {
                    id = service.create(
                                    r.request(), user, new BroadcastService.Source(step.key(), step.file(), r.hash()))
                            .id();
                } catch (InvalidRequestException | NotFoundException | ConflictException e) {
                    throw new EntryFailed(error(r.located(), e.getMessage()));
                }
            }
            done.add(new SchedulePlan.Step(step.action(), step.key(), step.file(), step.line(), id));
        }
        return new SchedulePlan(done, List.of());
    }

    /** Rolls the whole apply back when one entry cannot be created. */
    private static final class EntryFailed extends RuntimeException {
        private final ScheduleFileError error;

        EntryFailed(ScheduleFileError error) {
            super(error.toString());
            this.error = error;
        }
    }

    private List<LocatedEntry> read(List<SourceFile> files, List<ScheduleFileError> errors) {
        if (files.isEmpty() || files.size() > MAX_FILES) {
            errors.add(new ScheduleFileError("-", 0, "send between 1 and " + MAX_FILES + " schedule files"));
            return List.of();
        }
        List<LocatedEntry> entries = new ArrayList<>();
        Map<String, LocatedEntry> byKey = new HashMap<>();
        for (SourceFile file : files) {
            if (file.name() == null || !FILE_NAME.matcher(file.name()).matches()) {
                errors.add(new ScheduleFileError(
                        String.valueOf(file.name()),
                        0,
                        "a file name must be letters, digits, '.', '_' or '-', without folders"));
                continue;
            }
            ScheduleFileParser.Result result = parser.parse(file.name(), file.content() == null ? "" : file.content());
            errors.addAll(result.errors());
            for (LocatedEntry located : result.entries()) {
                String problem = structuralProblem(located.entry());
                LocatedEntry earlier = located.entry().key() == null
                        ? null
                        : byKey.get(located.entry().key());
                if (problem != null) {
                    errors.add(error(located, problem));
                } else if (earlier != null) {
                    errors.add(error(
                            located,
                            "key '" + located.entry().key() + "' is already used at " + earlier.file() + ":"
                                    + earlier.line()));
                } else {
                    byKey.put(located.entry().key(), located);
                    entries.add(located);
                }
            }
        }
        return entries;
    }

    private String structuralProblem(ScheduleEntry entry) {
        if (entry.key() == null || !KEY.matcher(entry.key()).matches()) {
            return "key must be 1-100 lower-case letters, digits, '.', '_' or '-'";
        }
        if (entry.relay() != null) {
            if (entry.bulletinId() != null || entry.bulletinTitle() != null) {
                return "give either a bulletin (bulletinId or bulletinTitle) or a relay, not both";
            }
            if (entry.relay().url() == null
                    || entry.relay().title() == null
                    || entry.relay().window() == null) {
                return "a relay needs url, title and window (such as PT30M)";
            }
        } else if ((entry.bulletinId() == null) == (entry.bulletinTitle() == null)) {
            return "name the bulletin by exactly one of bulletinId or bulletinTitle";
        }
        if (entry.targets() == null
                || (isEmpty(entry.targets().areas())
                        && isEmpty(entry.targets().receivers())
                        && isEmpty(entry.targets().groups()))) {
            return "targets must name at least one area, receiver or group";
        }
        if (entry.start() == null) {
            return "start (a local date-time such as 2026-12-01T06:00) is required";
        }
        try {
            Recurrence.of(
                    entry.start().atZone(Recurrence.zone(zone(entry))).toInstant(),
                    zone(entry),
                    entry.rrule(),
                    Set.of());
            grace(entry);
        } catch (InvalidRequestException e) {
            return e.getMessage();
        }
        return null;
    }

    private BroadcastRequest request(ScheduleEntry entry) {
        if (entry.relay() != null) {
            ScheduleEntry.Relay relay = entry.relay();
            BroadcastRequest.RelaySpec spec =
                    new BroadcastRequest.RelaySpec(relay.url(), relay.title(), relay.window(), relay.priority());
            relayCheck.check(spec);
            return request(entry, null, spec);
        }
        UUID bulletinId = entry.bulletinId() != null ? entry.bulletinId() : bulletinByTitle(entry.bulletinTitle()).id;
        if (bulletins.findByIdOptional(bulletinId).isEmpty()) {
            throw NotFoundException.referenced("Bulletin", bulletinId);
        }
        return request(entry, bulletinId, null);
    }

    private BroadcastRequest request(ScheduleEntry entry, UUID bulletinId, BroadcastRequest.RelaySpec relay) {
        String zone = zone(entry);
        return new BroadcastRequest(
                bulletinId,
                new BroadcastRequest.Targets(
                        entry.targets().areas(),
                        entry.targets().receivers(),
                        isEmpty(entry.targets().groups())
                                ? null
                                : entry.targets().groups()),
                entry.start().atZone(Recurrence.zone(zone)).toOffsetDateTime(),
                zone,
                entry.rrule() == null ? null : new BroadcastRequest.RecurrenceSpec(entry.rrule(), entry.exdates()),
                grace(entry),
                entry.allowOverlap(),
                entry.onPreempt(),
                relay,
                Boolean.TRUE.equals(entry.test()) ? Boolean.TRUE : null,
                null,
                entry.missingLanguageReason() == null
                        ? null
                        : new BroadcastRequest.MissingLanguageOverride(entry.missingLanguageReason()));
    }

    private Bulletin bulletinByTitle(String title) {
        List<Bulletin> matches = bulletins.list("title", title);
        if (matches.size() != 1) {
            throw new InvalidRequestException(
                    "bulletinTitle",
                    matches.isEmpty()
                            ? ErrorMessage.of("schedule-files.no-title", title)
                            : ErrorMessage.of("schedule-files.many-titles", matches.size(), title));
        }
        return matches.get(0);
    }

    private String zone(ScheduleEntry entry) {
        return entry.timeZone() == null ? config.defaultTimeZone() : entry.timeZone();
    }

    private static Duration grace(ScheduleEntry entry) {
        try {
            return entry.lateStartGrace() == null ? null : Duration.parse(entry.lateStartGrace());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("lateStartGrace", ErrorMessage.of("schedule-files.grace"));
        }
    }

    private String hash(String key, BroadcastRequest request) {
        try {
            byte[] canonical = (key + "\n" + json.writeValueAsString(request)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ScheduleFileError error(LocatedEntry located, String message) {
        return new ScheduleFileError(located.file(), located.line(), message);
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }
}
