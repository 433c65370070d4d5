package vn.loaxa.schedule.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LiveSessionRepository implements PanacheRepositoryBase<LiveSession, UUID> {

    public List<LiveSession> open() {
        return list("endedAt is null");
    }
}
