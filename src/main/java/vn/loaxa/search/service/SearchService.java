package vn.loaxa.search.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.loaxa.access.OwnerFilter;
import vn.loaxa.access.Scope;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.common.text.SearchText;
import vn.loaxa.media.model.Media;
import vn.loaxa.media.model.MediaRepository;
import vn.loaxa.search.api.SearchHit;

/**
 * Finds media and bulletins whose folded search column ({@link SearchText}) contains every query word, with a plain
 * LIKE that behaves the same on H2 and PostgreSQL, then ranks the candidates in Java: words in the title count most,
 * then the topic, then the transcript; the whole phrase and whole-word matches add to the score.
 */
@ApplicationScoped
public class SearchService {
    /** Candidates fetched per kind before ranking. */
    private static final int CANDIDATES = 500;

    private final MediaRepository media;
    private final BulletinRepository bulletins;

    public SearchService(MediaRepository media, BulletinRepository bulletins) {
        this.media = media;
        this.bulletins = bulletins;
    }

    @Transactional
    public List<SearchHit> search(String query, int limit) {
        return search(query, limit, Scope.NATIONWIDE);
    }

    /** As {@link #search(String, int)}, among what the scope may read. */
    @Transactional
    public List<SearchHit> search(String query, int limit, Scope scope) {
        List<String> terms = SearchText.terms(query);
        if (terms.isEmpty()) {
            return List.of();
        }
        String phrase = String.join(" ", terms);
        OwnerFilter readable = OwnerFilter.readableBy(scope);
        String where = where(terms) + " and " + readable.jpql();
        Map<String, Object> parameters = new HashMap<>(parameters(terms));
        parameters.putAll(readable.parameters());
        List<SearchHit> hits = new ArrayList<>();
        for (Media m : media.find(where, parameters).page(0, CANDIDATES).list()) {
            double score = score(terms, phrase, m.title, 3) + score(terms, phrase, m.transcript, 1);
            hits.add(new SearchHit(SearchHit.Kind.MEDIA, m.id, m.title, null, "/api/v1/media/" + m.id, score));
        }
        for (Bulletin b : bulletins.find(where, parameters).page(0, CANDIDATES).list()) {
            double score = score(terms, phrase, b.title, 3)
                    + score(terms, phrase, b.topic, 2)
                    + score(terms, phrase, b.sourceAgency, 1);
            hits.add(
                    new SearchHit(SearchHit.Kind.BULLETIN, b.id, b.title, b.topic, "/api/v1/bulletins/" + b.id, score));
        }
        return hits.stream()
                .sorted(Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(SearchHit::title))
                .limit(limit)
                .toList();
    }

    private static String where(List<String> terms) {
        List<String> clauses = new ArrayList<>();
        for (int i = 1; i <= terms.size(); i++) {
            clauses.add("searchText like :term" + i);
        }
        return String.join(" and ", clauses);
    }

    private static Map<String, Object> parameters(List<String> terms) {
        Map<String, Object> parameters = new HashMap<>();
        for (int i = 1; i <= terms.size(); i++) {
            String term = terms.get(i - 1);
            parameters.put(
                    "term" + i, "%" + term.replace("\\", "").replace("%", "").replace("_", "") + "%");
        }
        return parameters;
    }

    private static double score(List<String> terms, String phrase, String field, double weight) {
        String folded = " " + SearchText.fold(field) + " ";
        if (folded.isBlank()) {
            return 0;
        }
        double score = 0;
        for (String term : terms) {
            if (folded.contains(" " + term + " ")) {
                score += 1;
            } else if (folded.contains(term)) {
                score += 0.5;
            }
        }
        if (terms.size() > 1 && folded.contains(" " + phrase + " ")) {
            score += terms.size();
        }
        return weight * score;
    }
}
