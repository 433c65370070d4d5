package vn.loaxa.language.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import vn.loaxa.area.model.Area;
import vn.loaxa.area.model.AreaRepository;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.language.api.RequiredLanguagesView;

/**
 * The languages an area requires every bulletin it hears to carry. An area requires its own and those of every area
 * above it: a province that requires Tày requires it in each of its communes.
 */
@ApplicationScoped
public class RequiredLanguages {
    private final LanguageService languages;
    private final AreaRepository areas;
    private final EntityManager em;

    public RequiredLanguages(LanguageService languages, AreaRepository areas, EntityManager em) {
        this.languages = languages;
        this.areas = areas;
        this.em = em;
    }

    @Transactional
    public RequiredLanguagesView of(String areaCode) {
        Area area = area(areaCode);
        Map<String, Set<String>> own = ownByArea();
        Set<String> inherited = new TreeSet<>();
        Area.chainOf(area.path).stream()
                .filter(code -> !code.equals(area.code))
                .forEach(code -> inherited.addAll(own.getOrDefault(code, Set.of())));
        return new RequiredLanguagesView(List.copyOf(own.getOrDefault(area.code, Set.of())), List.copyOf(inherited));
    }

    /** Replaces the area's own required languages; an empty list requires none of its own. */
    @Transactional
    public RequiredLanguagesView set(String areaCode, List<String> required) {
        Area area = area(areaCode);
        languages.requireCatalogued(required);
        em.createNativeQuery("DELETE FROM area_required_language WHERE area_code = ?1")
                .setParameter(1, area.code)
                .executeUpdate();
        for (String language : required) {
            em.createNativeQuery("INSERT INTO area_required_language (area_code, language) VALUES (?1, ?2)")
                    .setParameter(1, area.code)
                    .setParameter(2, language)
                    .executeUpdate();
        }
        return of(areaCode);
    }

    /**
     * What each of these areas requires, its own and those above it together, in code order; areas that require
     * nothing are left out. Unknown codes are left out too.
     */
    public Map<String, Set<String>> effective(Collection<String> areaCodes) {
        Map<String, Set<String>> own = ownByArea();
        Map<String, Set<String>> effective = new LinkedHashMap<>();
        if (own.isEmpty() || areaCodes.isEmpty()) {
            return effective;
        }
        for (Area area : areas.list("code in ?1", List.copyOf(Set.copyOf(areaCodes)))) {
            Set<String> required = new TreeSet<>();
            Area.chainOf(area.path).forEach(code -> required.addAll(own.getOrDefault(code, Set.of())));
            if (!required.isEmpty()) {
                effective.put(area.code, required);
            }
        }
        return effective;
    }

    /** Whether no area requires any language, as before any was set: then nothing needs checking. */
    public boolean noneRequired() {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM area_required_language")
                                .getSingleResult())
                        .longValue()
                == 0;
    }

    /** Every area's own required languages: a short table, read whole. */
    private Map<String, Set<String>> ownByArea() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT area_code, language FROM area_required_language")
                .getResultList();
        Map<String, Set<String>> own = new HashMap<>();
        for (Object[] row : rows) {
            own.computeIfAbsent(String.valueOf(row[0]), k -> new TreeSet<>()).add(String.valueOf(row[1]));
        }
        return own;
    }

    private Area area(String code) {
        return areas.findByIdOptional(code).orElseThrow(() -> NotFoundException.of("Area", code));
    }
}
