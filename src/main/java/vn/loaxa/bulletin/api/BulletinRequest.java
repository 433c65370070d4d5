package vn.loaxa.bulletin.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import vn.loaxa.bulletin.model.Priority;

/**
 * A bulletin to create or replace. {@code topic} is a topic code or Vietnamese name from the catalogue
 * ({@code GET /api/v1/topics}); segments play in the order given, each in one language or {@code ALL}.
 */
public record BulletinRequest(
        @NotBlank @Size(max = 300) String title,
        @NotBlank @Size(max = 100) String topic,
        @Size(max = 200) String sourceAgency,
        @NotNull Priority priority,
        @NotEmpty @Size(max = 50) List<@Valid @NotNull SegmentRequest> segments) {

    public record SegmentRequest(
            @NotNull UUID mediaId,

            @NotBlank @Pattern(regexp = "[a-z]{3}|ALL", message = "{loaxa.validation.language-or-all}")
            String language) {}
}
