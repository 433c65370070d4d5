package vn.loaxa.schedule.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import vn.loaxa.bulletin.model.Priority;
import vn.loaxa.schedule.model.PreemptPolicy;

/**
 * A broadcast: a bulletin, its targets, and its timing. {@code startAt} is the first (or only) airing; with a
 * {@code recurrence} it is the DTSTART, read in {@code timeZone} (Asia/Ho_Chi_Minh when absent).
 * Either {@code bulletinId} or {@code relay} names what airs. {@code onPreempt} says what an airing does when a higher-priority item interrupts it on a receiver (the agent
 * resumes it when absent). {@code test} marks a test broadcast, tagged as such everywhere.
 * {@code missingLanguageOverride} airs a bulletin in communes that require a language it has no segment in; without
 * it such a request is refused, with it the override and its reason are audited.
 */
public record BroadcastRequest(
        UUID bulletinId,
        @NotNull @Valid Targets targets,
        @NotNull OffsetDateTime startAt,
        String timeZone,
        @Valid RecurrenceSpec recurrence,
        Duration lateStartGrace,
        Boolean allowOverlap,
        @JsonInclude(JsonInclude.Include.NON_NULL) PreemptPolicy onPreempt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Valid RelaySpec relay,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean test,
        @JsonIgnore LiveSpec live,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Valid MissingLanguageOverride missingLanguageOverride) {

    /** Without an override of missing required languages. */
    public BroadcastRequest(
            UUID bulletinId,
            Targets targets,
            OffsetDateTime startAt,
            String timeZone,
            RecurrenceSpec recurrence,
            Duration lateStartGrace,
            Boolean allowOverlap,
            PreemptPolicy onPreempt,
            RelaySpec relay,
            Boolean test,
            LiveSpec live) {
        this(
                bulletinId,
                targets,
                startAt,
                timeZone,
                recurrence,
                lateStartGrace,
                allowOverlap,
                onPreempt,
                relay,
                test,
                live,
                null);
    }

    /** Airs the bulletin although communes it reaches require a language it lacks, for this reason. */
    public record MissingLanguageOverride(
            @NotBlank @Size(max = 1000) String reason) {}

    /** A broadcast of a bulletin or a relay, never a live session (those start through the live API only). */
    public BroadcastRequest(
            UUID bulletinId,
            Targets targets,
            OffsetDateTime startAt,
            String timeZone,
            RecurrenceSpec recurrence,
            Duration lateStartGrace,
            Boolean allowOverlap,
            PreemptPolicy onPreempt,
            RelaySpec relay,
            Boolean test) {
        this(
                bulletinId,
                targets,
                startAt,
                timeZone,
                recurrence,
                lateStartGrace,
                allowOverlap,
                onPreempt,
                relay,
                test,
                null);
    }

    /** A live (not test) broadcast. */
    public BroadcastRequest(
            UUID bulletinId,
            Targets targets,
            OffsetDateTime startAt,
            String timeZone,
            RecurrenceSpec recurrence,
            Duration lateStartGrace,
            Boolean allowOverlap,
            PreemptPolicy onPreempt,
            RelaySpec relay) {
        this(
                bulletinId,
                targets,
                startAt,
                timeZone,
                recurrence,
                lateStartGrace,
                allowOverlap,
                onPreempt,
                relay,
                null,
                null);
    }

    /**
     * A live session's airtime (phát trực tiếp): {@code window} is its longest possible length. Set by the live
     * service only; the broadcasts API never reads it.
     */
    public record LiveSpec(UUID sessionId, String title, Duration window, Priority priority) {}

    /**
     * A live stream (HTTP or Icecast; MP3, AAC or Opus) played for {@code window} from each start, instead of a
     * bulletin. Its host must be in {@code loaxa.relay.allowed-hosts}.
     */
    public record RelaySpec(
            @NotBlank @Size(max = 2000) String url,
            @NotBlank @Size(max = 300) String title,
            @NotNull Duration window,
            Priority priority) {}

    /** Area codes (each with its whole subtree), single receiver ids and named receiver groups. */
    public record Targets(
            @Size(max = 1000) List<@NotNull String> areas,
            @Size(max = 10000) List<@NotNull String> receivers,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Size(max = 1000)
            List<@NotNull String> groups) {

        public Targets(List<String> areas, List<String> receivers) {
            this(areas, receivers, null);
        }

        public List<String> groupsOrEmpty() {
            return groups == null ? List.of() : groups;
        }

        public List<String> areasOrEmpty() {
            return areas == null ? List.of() : areas;
        }

        public List<String> receiversOrEmpty() {
            return receivers == null ? List.of() : receivers;
        }
    }

    /** An RFC 5545 RRULE (COUNT or UNTIL bound it) and EXDATE exceptions as local date-times. */
    public record RecurrenceSpec(
            @NotNull @Size(min = 1, max = 500) String rrule,
            @Size(max = 1000) List<@NotNull LocalDateTime> exdates) {

        public List<LocalDateTime> exdatesOrEmpty() {
            return exdates == null ? List.of() : exdates;
        }
    }
}
