package vn.loaxa.dispatch.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import vn.loaxa.area.model.Area;
import vn.loaxa.area.model.AreaRepository;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.Priority;
import vn.loaxa.bulletin.service.VariantService;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.language.service.LanguageService;
import vn.loaxa.schedule.model.Broadcast;
import vn.loaxa.schedule.model.Occurrence;

/**
 * The area group publish (docs/protocol.md, "Area manifests"): decides whether an occurrence can go out once on its
 * target area's topic, records its deliveries with one set-based insert, and finds the occurrences whose priority
 * placement differs per receiver, which must travel in the receivers' own manifests instead. All of it runs inside
 * the caller's transaction.
 */
@ApplicationScoped
public class AreaGroups {
    /** A pending occurrence that shares a receiver with another and overlaps it across the NORMAL line. */
    public record Conflict(UUID occurrenceId, String groupArea) {}

    private final EntityManager em;
    private final AreaRepository areas;
    private final LanguageService languages;
    private final VariantService variants;

    public AreaGroups(EntityManager em, AreaRepository areas, LanguageService languages, VariantService variants) {
        this.em = em;
        this.areas = areas;
        this.languages = languages;
        this.variants = variants;
    }

    /**
     * The area to publish on: when the broadcast targets exactly one area subtree (no single receivers, no groups,
     * no commune that withholds it) and every receiver in it plays the same content. {@code bulletin} is null for a
     * relay.
     */
    public Optional<String> eligibleArea(Broadcast broadcast, Bulletin bulletin, Set<String> withheldCommunes) {
        if (!broadcast.targetReceivers.isEmpty()
                || !broadcast.targetGroups.isEmpty()
                || broadcast.targetAreas.size() != 1
                || !withheldCommunes.isEmpty()) {
            return Optional.empty();
        }
        String code = broadcast.targetAreas.iterator().next();
        if (!Topics.isValidAreaCode(code)
                || bulletin != null && profilesOf(code, bulletin).size() > 1) {
            return Optional.empty();
        }
        return Optional.of(code);
    }

    /** The variant every receiver of the area plays (call only after {@link #eligibleArea} found the area). */
    public UUID uniformVariant(String areaCode, Bulletin bulletin) {
        return variants.variantFor(
                        bulletin, profilesOf(areaCode, bulletin).iterator().next())
                .id;
    }

    /**
     * The distinct language selections ({@link VariantService#languagesFor}) that the receivers of the subtree make
     * from this bulletin: per area (inherited profiles) plus the few receivers with a profile of their own.
     */
    private Set<List<String>> profilesOf(String areaCode, Bulletin bulletin) {
        Area root = areas.findById(areaCode);
        Set<List<String>> selections = new HashSet<>();
        if (root == null) {
            return selections;
        }
        List<Area> subtree = areas.list("path like ?1", root.path + "%");
        for (Area area : subtree) {
            selections.add(VariantService.languagesFor(bulletin, languages.effectiveOfArea(area)));
        }
        List<Object[]> own = em.createQuery("""
                select r.id, l from Receiver r join r.languages l, Area a
                where a.code = r.areaCode and a.path like :subtree
                """, Object[].class)
                .setParameter("subtree", root.path + "%")
                .getResultList();
        Map<String, List<String>> byReceiver = new LinkedHashMap<>();
        own.forEach(row -> byReceiver
                .computeIfAbsent((String) row[0], k -> new ArrayList<>())
                .add((String) row[1]));
        byReceiver.values().forEach(profile -> selections.add(VariantService.languagesFor(bulletin, profile)));
        return selections;
    }

    /** One SCHEDULED delivery for every receiver of the subtree that has none yet; one statement, no loop. */
    public int insertDeliveries(UUID occurrenceId, String areaCode, UUID mediaId, OffsetDateTime now) {
        String nextId = em.getEntityManagerFactory()
                .unwrap(SessionFactoryImplementor.class)
                .getJdbcServices()
                .getDialect()
                .getSequenceSupport()
                .getSelectSequenceNextValString("delivery_seq");
        return em.createNativeQuery("""
                INSERT INTO delivery (id, occurrence_id, receiver_id, media_id, state, state_rank, updated_at, version)
                SELECT %s, ?1, r.id, ?2, ?3, ?4, ?5, 0
                FROM receiver r JOIN area a ON a.code = r.area_code
                WHERE a.path LIKE ?6
                  AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.occurrence_id = ?1 AND d.receiver_id = r.id)
                """.formatted(nextId))
                .setParameter(1, occurrenceId)
                .setParameter(2, mediaId)
                .setParameter(3, DeliveryState.SCHEDULED.name())
                .setParameter(4, DeliveryState.SCHEDULED.rank())
                .setParameter(5, now)
                .setParameter(6, areas.findById(areaCode).path + "%")
                .executeUpdate();
    }

    /**
     * The other pending occurrences that share a receiver with {@code occurrence} and overlap it (conservatively:
     * play time to window end) with one NORMAL and the other not: the priority rule may shift or drop the NORMAL one
     * on some receivers only, so neither can be the same for a whole area. Occurrences are narrowed by time and
     * priority first (usually to none), and only those few are checked for a shared receiver, each by index lookups
     * on the delivery key, so the cost does not grow with the deliveries of unrelated occurrences.
     */
    public List<Conflict> conflicts(Occurrence occurrence, Priority priority, OffsetDateTime now) {
        String across = priority == Priority.NORMAL ? "<>" : "=";
        List<UUID> overlapping = em.createQuery("""
                select o.id from Occurrence o
                join Broadcast b on b.id = o.broadcastId
                left join Bulletin bl on bl.id = b.bulletinId
                where o.id <> :id and o.cancelledAt is null and o.windowEnd > :now
                  and o.playAt < :end and o.windowEnd > :start
                  and coalesce(bl.priority, b.relayPriority) %s :normal
                """.formatted(across), UUID.class)
                .setParameter("id", occurrence.id)
                .setParameter("now", now)
                .setParameter("end", occurrence.windowEnd)
                .setParameter("start", occurrence.playAt)
                .setParameter("normal", Priority.NORMAL)
                .getResultList();
        if (overlapping.isEmpty()) {
            return List.of();
        }
        return em.createQuery("""
                select distinct o.id, o.groupArea from Delivery d
                join Occurrence o on o.id = d.occurrenceId
                where d.occurrenceId in :overlapping and d.stateRank < :final
                  and exists (select 1 from Delivery d2 where d2.occurrenceId = :id and d2.receiverId = d.receiverId)
                """, Object[].class)
                .setParameter("overlapping", overlapping)
                .setParameter("final", DeliveryState.FINAL_RANK)
                .setParameter("id", occurrence.id)
                .getResultStream()
                .map(row -> new Conflict((UUID) row[0], (String) row[1]))
                .toList();
    }
}
