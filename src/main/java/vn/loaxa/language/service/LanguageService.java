package vn.loaxa.language.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loaxa.area.model.Area;
import vn.loaxa.area.model.AreaRepository;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.language.api.LanguageView;
import vn.loaxa.language.api.ProfileView;
import vn.loaxa.language.model.Language;
import vn.loaxa.language.model.LanguageRepository;
import vn.loaxa.receiver.model.Receiver;
import vn.loaxa.receiver.model.ReceiverRepository;

/**
 * The language catalogue and the ordered language profiles of areas and receivers. A receiver without languages of
 * its own plays what the nearest area above it (its commune, then its district, …) prefers; Vietnamese when no
 * area has a profile.
 */
@ApplicationScoped
public class LanguageService {
    public static final List<String> DEFAULT_PROFILE = List.of("vie");
    /** Receivers read per query by {@link #effectiveProfiles}, well under every database's parameter limit. */
    private static final int LOOKUP_CHUNK = 1000;

    private final LanguageRepository languages;
    private final AreaRepository areas;
    private final ReceiverRepository receivers;
    private final EntityManager em;

    public LanguageService(
            LanguageRepository languages, AreaRepository areas, ReceiverRepository receivers, EntityManager em) {
        this.languages = languages;
        this.areas = areas;
        this.receivers = receivers;
        this.em = em;
    }

    @Transactional
    public List<LanguageView> catalogue() {
        return languages.listAll().stream()
                .sorted(Comparator.comparing(l -> l.code))
                .map(LanguageService::view)
                .toList();
    }

    @Transactional
    public LanguageView add(LanguageView request) {
        if (languages.findByIdOptional(request.code()).isPresent()) {
            throw new ConflictException(ErrorMessage.of("language.exists", request.code()));
        }
        Language language = new Language();
        language.code = request.code();
        language.nameVi = request.nameVi().strip();
        language.nameEn = request.nameEn().strip();
        language.dialectNote =
                request.dialectNote() == null || request.dialectNote().isBlank()
                        ? null
                        : request.dialectNote().strip();
        languages.persist(language);
        return view(language);
    }

    @Transactional
    public ProfileView areaProfile(String areaCode) {
        Area area = areas.findByIdOptional(areaCode).orElseThrow(() -> NotFoundException.of("Area", areaCode));
        return new ProfileView(ownProfile(area.code), null);
    }

    @Transactional
    public ProfileView setAreaProfile(String areaCode, List<String> profile) {
        Area area = areas.findByIdOptional(areaCode).orElseThrow(() -> NotFoundException.of("Area", areaCode));
        requireCatalogued(profile);
        em.createNativeQuery("DELETE FROM area_language WHERE area_code = ?1")
                .setParameter(1, area.code)
                .executeUpdate();
        for (int i = 0; i < profile.size(); i++) {
            em.createNativeQuery("INSERT INTO area_language (area_code, position, language) VALUES (?1, ?2, ?3)")
                    .setParameter(1, area.code)
                    .setParameter(2, i)
                    .setParameter(3, profile.get(i))
                    .executeUpdate();
        }
        return new ProfileView(List.copyOf(profile), null);
    }

    /** The languages a receiver plays, most preferred first, and where they come from. */
    @Transactional
    public ProfileView receiverProfile(String receiverId) {
        Receiver receiver =
                receivers.findByIdOptional(receiverId).orElseThrow(() -> NotFoundException.of("Receiver", receiverId));
        return effective(receiver);
    }

    /** Replaces a receiver's own profile; an empty list makes it inherit its area's again. */
    @Transactional
    public ProfileView setReceiverProfile(String receiverId, List<String> profile) {
        Receiver receiver =
                receivers.findByIdOptional(receiverId).orElseThrow(() -> NotFoundException.of("Receiver", receiverId));
        requireCatalogued(profile);
        receiver.languages.clear();
        receiver.languages.addAll(profile);
        return effective(receiver);
    }

    public ProfileView effective(Receiver receiver) {
        if (!receiver.languages.isEmpty()) {
            return new ProfileView(List.copyOf(receiver.languages), null);
        }
        return inherited(areas.findById(receiver.areaCode));
    }

    /**
     * The effective profile of each of these receivers: the receivers are read in a few queries, and each area's
     * inherited profile once, however many receivers share it. Ids of no receiver are left out.
     */
    public Map<String, List<String>> effectiveProfiles(Collection<String> receiverIds) {
        Map<String, List<String>> byArea = new HashMap<>();
        Map<String, List<String>> profiles = new LinkedHashMap<>();
        List<String> ids = List.copyOf(receiverIds);
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            for (Receiver receiver :
                    receivers.list("id in ?1", ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK)))) {
                profiles.put(
                        receiver.id,
                        receiver.languages.isEmpty()
                                ? byArea.computeIfAbsent(
                                        receiver.areaCode,
                                        code -> inherited(areas.findById(code)).languages())
                                : List.copyOf(receiver.languages));
            }
        }
        return profiles;
    }

    /** The profile a receiver of this area without a profile of its own plays. */
    public List<String> effectiveOfArea(Area area) {
        return inherited(area).languages();
    }

    private ProfileView inherited(Area area) {
        List<String> ancestors = new ArrayList<>(List.of(area.path.split("/")));
        ancestors.removeIf(String::isEmpty);
        for (int i = ancestors.size() - 1; i >= 0; i--) {
            List<String> profile = ownProfile(ancestors.get(i));
            if (!profile.isEmpty()) {
                return new ProfileView(profile, ancestors.get(i));
            }
        }
        return new ProfileView(DEFAULT_PROFILE, null);
    }

    private List<String> ownProfile(String areaCode) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(
                        "SELECT language FROM area_language WHERE area_code = ?1 ORDER BY position")
                .setParameter(1, areaCode)
                .getResultList();
        return rows.stream().map(String::valueOf).toList();
    }

    /** Each code named once, and each in the catalogue. */
    void requireCatalogued(List<String> profile) {
        if (profile.stream().distinct().count() != profile.size()) {
            throw new InvalidRequestException("languages", ErrorMessage.of("language.twice"));
        }
        for (String code : profile) {
            if (languages.findByIdOptional(code).isEmpty()) {
                throw new InvalidRequestException("languages", ErrorMessage.of("language.unknown", code));
            }
        }
    }

    private static LanguageView view(Language l) {
        return new LanguageView(l.code, l.nameVi, l.nameEn, l.dialectNote);
    }
}
