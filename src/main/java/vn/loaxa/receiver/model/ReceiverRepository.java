package vn.loaxa.receiver.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loaxa.area.model.Area;

@ApplicationScoped
public class ReceiverRepository implements PanacheRepositoryBase<Receiver, String> {

    public List<Receiver> allById() {
        return list("order by id");
    }

    public List<String> idsInAreas(Collection<String> areaCodes) {
        if (areaCodes.isEmpty()) {
            return List.of();
        }
        return find("select r.id from Receiver r where r.areaCode in ?1", areaCodes)
                .project(String.class)
                .list();
    }

    /** Receivers whose area's path matches a SQL {@code LIKE} pattern (escape character backslash), by id. */
    public List<Receiver> inAreaPaths(String pattern) {
        return list("areaCode in (select a.code from Area a where a.path like ?1 escape '\\') order by id", pattern);
    }

    /** The codes of the receiver's area and of every area above it, root first; empty for an unknown receiver. */
    public List<String> areaChain(String receiverId) {
        return getEntityManager()
                .createQuery(
                        "select a.path from Receiver r, Area a where a.code = r.areaCode and r.id = :id", String.class)
                .setParameter("id", receiverId)
                .getResultStream()
                .findFirst()
                .map(Area::chainOf)
                .orElse(List.of());
    }

    /** These receivers' ids with their area chains (see {@link #areaChain}); unknown ids are left out. */
    public Map<String, List<String>> areaChains(Collection<String> receiverIds) {
        Map<String, List<String>> chains = new LinkedHashMap<>();
        getEntityManager()
                .createQuery(
                        "select r.id, a.path from Receiver r, Area a where a.code = r.areaCode and r.id in :ids",
                        Object[].class)
                .setParameter("ids", receiverIds)
                .getResultStream()
                .forEach(row -> chains.put((String) row[0], Area.chainOf((String) row[1])));
        return chains;
    }

    /** Every receiver id with its area chain (see {@link #areaChain}). */
    public Map<String, List<String>> areaChains() {
        Map<String, List<String>> chains = new LinkedHashMap<>();
        getEntityManager()
                .createQuery(
                        "select r.id, a.path from Receiver r, Area a where a.code = r.areaCode" + " order by r.id",
                        Object[].class)
                .getResultStream()
                .forEach(row -> chains.put((String) row[0], Area.chainOf((String) row[1])));
        return chains;
    }
}
