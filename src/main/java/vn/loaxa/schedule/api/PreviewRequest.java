package vn.loaxa.schedule.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;

/** An unsaved timing whose next instances should be listed. */
public record PreviewRequest(
        @NotNull OffsetDateTime startAt,
        String timeZone,
        @Valid BroadcastRequest.RecurrenceSpec recurrence,
        OffsetDateTime from,
        @Min(1) @Max(500) Integer count) {}
