package vn.loaxa.schedule.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class BroadcastRepository implements PanacheRepositoryBase<Broadcast, UUID> {
}
