package vn.loaxa.area.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class AreaOutlineRepository implements PanacheRepositoryBase<AreaOutline, String> {

    /** The outlines of every area whose path starts with {@code pathPrefix} (null: all), with their areas. */
    public List<Object[]> withAreasUnder(String pathPrefix) {
        String select = "select a, o from AreaOutline o join Area a on a.code = o.areaCode ";
        if (pathPrefix == null) {
            return getEntityManager()
                    .createQuery(select + "order by a.path", Object[].class)
                    .getResultList();
        }
        return getEntityManager()
                .createQuery(select + "where a.path like :prefix order by a.path", Object[].class)
                // area codes hold neither '%' nor '_', so a path needs no escaping
                .setParameter("prefix", pathPrefix + "%")
                .getResultList();
    }
}
