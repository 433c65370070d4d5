package vn.loaxa.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.loaxa.area.model.Area;
import vn.loaxa.area.model.AreaKind;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.Segment;
import vn.loaxa.language.model.Language;
import vn.loaxa.language.service.RequiredLanguages;

/**
 * Which required languages a bulletin lacks where it would be heard: a receiver's commune requires its own required
 * languages and those of every area above it ({@link RequiredLanguages}), and the bulletin lacks a language when it
 * has no segment in it. A receiver placed in a village counts under its commune.
 */
@ApplicationScoped
public class RequiredLanguageCheck {
    /** Receivers read per query, well under every database's parameter limit. */
    private static final int CHUNK = 1000;

    private final RequiredLanguages required;
    private final EntityManager em;

    public RequiredLanguageCheck(RequiredLanguages required, EntityManager em) {
        this.required = required;
        this.em = em;
    }

    /** What the bulletin lacks among these receivers; none when no area requires anything. Needs a transaction. */
    public MissingLanguages missing(Bulletin bulletin, Collection<String> receiverIds) {
        if (required.noneRequired()) {
            return MissingLanguages.none();
        }
        Set<String> areaCodes = areasOf(receiverIds);
        Map<String, Set<String>> requiredByArea = required.effective(areaCodes);
        if (requiredByArea.isEmpty()) {
            return MissingLanguages.none();
        }
        Set<String> carried = new LinkedHashSet<>();
        for (Segment segment : bulletin.segments) {
            carried.add(segment.language);
        }
        Map<String, Area> areas = withAncestors(requiredByArea.keySet());
        Map<String, Set<String>> communes = new TreeMap<>();
        requiredByArea.forEach((code, languages) -> {
            for (String language : languages) {
                if (!carried.contains(language)) {
                    communes.computeIfAbsent(language, l -> new TreeSet<>()).add(communeName(areas.get(code), areas));
                }
            }
        });
        if (communes.isEmpty()) {
            return MissingLanguages.none();
        }
        Map<String, List<String>> byLanguage = new TreeMap<>();
        communes.forEach((language, names) -> byLanguage.put(language, List.copyOf(names)));
        Map<String, MissingLanguages.LanguageName> names = new HashMap<>();
        for (Language language : em.createQuery("from Language l where l.code in :codes", Language.class)
                .setParameter("codes", byLanguage.keySet())
                .getResultList()) {
            names.put(language.code, new MissingLanguages.LanguageName(language.nameVi, language.nameEn));
        }
        byLanguage.keySet().forEach(code -> names.putIfAbsent(code, new MissingLanguages.LanguageName(code, code)));
        return new MissingLanguages(byLanguage, names);
    }

    private Set<String> areasOf(Collection<String> receiverIds) {
        List<String> ids = List.copyOf(receiverIds);
        Set<String> codes = new LinkedHashSet<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            codes.addAll(em.createQuery("select distinct r.areaCode from Receiver r where r.id in :ids", String.class)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK)))
                    .getResultList());
        }
        return codes;
    }

    /** The areas and every area above them, by code. */
    private Map<String, Area> withAncestors(Collection<String> codes) {
        Set<String> chain = new LinkedHashSet<>(codes);
        List<Area> leaves = em.createQuery("from Area a where a.code in :codes", Area.class)
                .setParameter("codes", codes)
                .getResultList();
        leaves.forEach(a -> chain.addAll(Area.chainOf(a.path)));
        Map<String, Area> byCode = new HashMap<>();
        em.createQuery("from Area a where a.code in :codes", Area.class)
                .setParameter("codes", new ArrayList<>(chain))
                .getResultList()
                .forEach(a -> byCode.put(a.code, a));
        return byCode;
    }

    /** The name of the commune the area lies in, or of the area itself when it lies in no commune. */
    static String communeName(Area area, Map<String, Area> areas) {
        List<String> chain = Area.chainOf(area.path);
        for (int i = chain.size() - 1; i >= 0; i--) {
            Area up = areas.get(chain.get(i));
            if (up != null && up.kind == AreaKind.COMMUNE) {
                return up.name;
            }
        }
        return area.name;
    }
}
