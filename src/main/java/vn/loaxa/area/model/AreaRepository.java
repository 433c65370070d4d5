package vn.loaxa.area.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class AreaRepository implements PanacheRepositoryBase<Area, String> {

    public List<Area> allByPath() {
        return list("order by path");
    }
}
