package vn.loaxa.bulletin.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BulletinTransitionRepository implements PanacheRepositoryBase<BulletinTransition, Long> {

    public List<BulletinTransition> ofBulletin(UUID bulletinId) {
        return list("bulletinId = ?1 order by occurredAt, id", bulletinId);
    }
}
