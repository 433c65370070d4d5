package vn.loaxa.translation.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The translator's reading: an uploaded, READY media item in the task's language, and what it says. */
public record ReadingRequest(
        @NotNull UUID mediaId, @NotBlank @Size(max = 20_000) String transcript) {}
