package vn.loaxa.schedule.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import vn.loaxa.access.Scope;

@ApplicationScoped
public class BroadcastRepository implements PanacheRepositoryBase<Broadcast, UUID> {
    /**
     * A broadcast is readable by a scope that owns it, or whose receivers it reaches: a target area on the scope's
     * line of the tree (its subtree, or an area above its root), a targeted receiver or group of its subtree.
     */
    private static final String READABLE =
            "(b.owner_area in (select code from area where path like :covered escape '\\')"
                    + " or b.id in (select t.broadcast_id from broadcast_target_area t join area a on a.code = t.area_code"
                    + "   where a.path like :covered escape '\\' or t.area_code in (:lineage))"
                    + " or b.id in (select t.broadcast_id from broadcast_target_receiver t"
                    + "   join receiver r on r.id = t.receiver_id join area a on a.code = r.area_code"
                    + "   where a.path like :covered escape '\\')"
                    + " or b.id in (select t.broadcast_id from broadcast_target_group t"
                    + "   join receiver_group g on g.code = t.group_code join area a on a.code = g.owner_area"
                    + "   where a.path like :covered escape '\\'))";

    /** The broadcasts the scope may read, latest start first. */
    public List<Broadcast> recentReadable(Scope scope, int limit) {
        if (scope.nationwide()) {
            return find("order by startAt desc").page(0, limit).list();
        }
        @SuppressWarnings("unchecked")
        List<Object> ids = getEntityManager()
                .createNativeQuery("select cast(b.id as varchar(36)) from broadcast b where " + READABLE
                        + " order by b.start_at desc")
                .setParameter("covered", scope.likePattern())
                .setParameter("lineage", scope.lineage())
                .setMaxResults(limit)
                .getResultList();
        List<UUID> uuids =
                ids.stream().map(id -> UUID.fromString(id.toString())).toList();
        return uuids.isEmpty() ? List.of() : list("id in ?1 order by startAt desc", uuids);
    }

    /**
     * The broadcasts the scope may read that can air in {@code [from, to)}: series that started before {@code to},
     * single airings inside the window. Earliest start first.
     */
    public List<Broadcast> readableBetween(Scope scope, OffsetDateTime from, OffsetDateTime to, int limit) {
        String window = "b.start_at < :to and (b.rrule is not null or b.start_at >= :from)";
        var query = getEntityManager()
                .createNativeQuery("select cast(b.id as varchar(36)) from broadcast b where " + window
                        + (scope.nationwide() ? "" : " and " + READABLE) + " order by b.start_at")
                .setParameter("from", from)
                .setParameter("to", to)
                .setMaxResults(limit);
        if (!scope.nationwide()) {
            query.setParameter("covered", scope.likePattern()).setParameter("lineage", scope.lineage());
        }
        @SuppressWarnings("unchecked")
        List<Object> ids = query.getResultList();
        List<UUID> uuids =
                ids.stream().map(id -> UUID.fromString(id.toString())).toList();
        return uuids.isEmpty() ? List.of() : list("id in ?1 order by startAt", uuids);
    }

    public boolean readableBy(UUID id, Scope scope) {
        if (scope.nationwide()) {
            return true;
        }
        return !getEntityManager()
                .createNativeQuery("select b.id from broadcast b where b.id = :id and " + READABLE)
                .setParameter("id", id)
                .setParameter("covered", scope.likePattern())
                .setParameter("lineage", scope.lineage())
                .getResultList()
                .isEmpty();
    }
}
