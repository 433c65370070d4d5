package vn.loaxa.glossary.api;

import java.util.SortedMap;
import java.util.UUID;

/**
 * A glossary entry whose Vietnamese term occurs in a source text, in the order of first occurrence. {@code term} is
 * the term in the requested language (null when the entry has none yet, or no language was asked for); {@code
 * exact}: the text spells the term with the same diacritics, not only the same letters ("cá" matched by "cá", not
 * by "ca").
 */
public record GlossaryMatch(
        UUID id,
        String vie,
        String domain,
        String language,
        String term,
        SortedMap<String, String> terms,
        String note,
        boolean exact) {}
