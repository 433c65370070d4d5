package vn.loaxa.glossary.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A source text to find glossary terms in (for texts too long for a query string), and the target language. */
public record MatchRequest(
        @NotNull @Size(max = GlossaryLimits.MAX_SOURCE_TEXT) String text,
        @Pattern(regexp = "[a-z]{3}") String language) {}
