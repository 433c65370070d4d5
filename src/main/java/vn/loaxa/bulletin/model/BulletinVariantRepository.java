package vn.loaxa.bulletin.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BulletinVariantRepository implements PanacheRepositoryBase<BulletinVariant, BulletinVariant.Key> {

    public List<BulletinVariant> ofBulletin(UUID bulletinId) {
        return list("key.bulletinId = ?1 order by key.languages", bulletinId);
    }

    public void deleteOfBulletin(UUID bulletinId) {
        delete("key.bulletinId = ?1", bulletinId);
    }
}
