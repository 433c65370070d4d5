package vn.loaxa.glossary.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A glossary entry to write: the Vietnamese term, its term in other languages by catalogue code ({@code {"tyz":
 * "slấc"}}; a blank term is left out), the domain (a code such as {@code y-te}, or its name; none is {@code chung})
 * and a note.
 */
public record GlossaryEntryRequest(
        @NotBlank @Size(max = 200) String vie,
        Map<@Pattern(regexp = "[a-z]{3}") String, @Size(max = 200) String> terms,
        @Size(max = 40) String domain,
        @Size(max = 1000) String note) {}
