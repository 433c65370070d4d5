package vn.loaxa.schedule.api;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDateTime;

/** One occurrence of a series to leave out: its local start time in the broadcast's zone, as the series lists it. */
public record ExdateRequest(@NotNull LocalDateTime localTime) {}
