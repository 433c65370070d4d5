package vn.loaxa.schedule.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OccurrenceRepository implements PanacheRepositoryBase<Occurrence, UUID> {

    public List<Occurrence> ofBroadcast(UUID broadcastId) {
        return list("broadcastId = ?1 order by playAt", broadcastId);
    }
}
