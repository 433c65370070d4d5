package vn.loaxa.glossary.api;

import java.time.OffsetDateTime;
import java.util.SortedMap;
import java.util.UUID;

/** A glossary entry: the Vietnamese term, its terms by language code, the domain's code and the note. */
public record GlossaryEntryView(
        UUID id,
        String vie,
        SortedMap<String, String> terms,
        String domain,
        String note,
        String updatedBy,
        OffsetDateTime updatedAt) {}
