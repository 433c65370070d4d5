package vn.loaxa.inbox.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class InboxItemRepository implements PanacheRepositoryBase<InboxItem, UUID> {

    public List<InboxItem> ofBroadcast(UUID broadcastId) {
        return list("broadcastId", broadcastId);
    }

    public List<InboxItem> ofCommune(String communeCode) {
        return list("communeCode = ?1 order by createdAt desc", communeCode);
    }
}
