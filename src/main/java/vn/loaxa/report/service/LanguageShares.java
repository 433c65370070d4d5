package vn.loaxa.report.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * How the airtime of a bulletin play divides among languages: by the durations of the segments that the receiver's
 * language variant holds. A [vie, tyz] variant of 5 s of Vietnamese and 3 s of Tày counts 5/8 of its time as vie
 * and 3/8 as tyz; an ALL segment (a chime, an introduction everyone hears) counts under its audio's language.
 */
@ApplicationScoped
public class LanguageShares {
    private static final String ALL = "ALL";

    /** One segment of a bulletin: its language as the bulletin says it, its audio's language, its length. */
    record Part(String segmentLanguage, String audioLanguage, long durationMs) {
        boolean sharedByAll() {
            return ALL.equals(segmentLanguage);
        }

        String spokenLanguage() {
            return sharedByAll() ? audioLanguage : segmentLanguage;
        }
    }

    private final EntityManager em;

    public LanguageShares(EntityManager em) {
        this.em = em;
    }

    /** The segments of each of the bulletins. */
    public Map<UUID, List<Part>> segmentsOf(Collection<UUID> bulletinIds) {
        if (bulletinIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = em.createQuery("""
                select b.id, s.language, m.language, m.durationMs
                from Bulletin b join b.segments s, Media m
                where m.id = s.mediaId and b.id in :ids""", Object[].class)
                .setParameter("ids", bulletinIds)
                .getResultList();
        Map<UUID, List<Part>> segments = new HashMap<>();
        for (Object[] row : rows) {
            long durationMs = row[3] == null ? 0 : (Long) row[3];
            segments.computeIfAbsent((UUID) row[0], id -> new java.util.ArrayList<>())
                    .add(new Part((String) row[1], (String) row[2], durationMs));
        }
        return segments;
    }

    /**
     * Each language's share (0..1, adding up to 1) of a play of the variant {@code variantLanguages} (comma-separated
     * codes, or {@code ALL} for the variant of only the shared segments). Without segments to go by, the whole play
     * is {@code fallback}'s.
     */
    static Map<String, Double> shares(List<Part> segments, String variantLanguages, String fallback) {
        if (segments == null || variantLanguages == null) {
            return Map.of(fallback, 1.0);
        }
        Set<String> chosen =
                Arrays.stream(variantLanguages.split(",")).map(String::trim).collect(Collectors.toSet());
        Map<String, Long> millis = new LinkedHashMap<>();
        for (Part part : segments) {
            if (part.sharedByAll() || chosen.contains(part.segmentLanguage())) {
                millis.merge(part.spokenLanguage(), part.durationMs(), Long::sum);
            }
        }
        long total = millis.values().stream().mapToLong(Long::longValue).sum();
        if (total <= 0) {
            return Map.of(fallback, 1.0);
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        millis.forEach((language, ms) -> shares.put(language, ms / (double) total));
        return shares;
    }
}
