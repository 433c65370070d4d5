package vn.loaxa.translation.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Asks for a bulletin's reading in these languages by {@code dueAt}; {@code assignees} optionally names the
 * translator of a language (by ISO 639-3 code), otherwise a translator of that language claims the task.
 */
public record TranslationRequest(
        @NotEmpty @Size(max = 20)
        List<@NotBlank @Pattern(regexp = "[a-z]{3}", message = "{loaxa.validation.language}") String> languages,

        @NotNull OffsetDateTime dueAt,

        Map<String, String> assignees) {}
