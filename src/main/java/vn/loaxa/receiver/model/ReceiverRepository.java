package vn.loaxa.receiver.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class ReceiverRepository implements PanacheRepositoryBase<Receiver, String> {

    public List<Receiver> allById() {
        return list("order by id");
    }

    public List<String> idsInAreas(Collection<String> areaCodes) {
        if (areaCodes.isEmpty()) {
            return List.of();
        }
        return find("select r.id from Receiver r where r.areaCode in ?1", areaCodes).project(String.class).list();
    }

    /** Receivers whose area's path matches a SQL {@code LIKE} pattern (escape character backslash), by id. */
    public List<Receiver> inAreaPaths(String pattern) {
        return list("areaCode in (select a.code from Area a where a.path like ?1 escape '\\') order by id", pattern);
    }
}
