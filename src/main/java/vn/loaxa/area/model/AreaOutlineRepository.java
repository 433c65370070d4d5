package vn.loaxa.area.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class AreaOutlineRepository implements PanacheRepositoryBase<AreaOutline, String> {

    /** The outlines of every area whose path starts with {@code pathPrefix} (null: all), with their areas. */
    public List<Object[]> withAreasUnder(String pathPrefix) {
        return getEntityManager().createQuery("""
                select a, o from AreaOutline o join Area a on a.code = o.areaCode
                where :prefix is null or a.path like concat(:prefix, '%')
                order by a.path
                """, Object[].class)
                .setParameter("prefix", pathPrefix)
                .getResultList();
    }
}
