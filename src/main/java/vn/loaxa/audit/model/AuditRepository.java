package vn.loaxa.audit.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEntry, UUID> {

    /** The state the target was left in by its last successful audited change. */
    public Optional<String> lastStateOf(String targetType, String targetId) {
        return find(
                        "targetType = ?1 and targetId = ?2 and status < 400 and afterValue is not null",
                        Sort.descending("at"),
                        targetType,
                        targetId)
                .firstResultOptional()
                .map(e -> e.afterValue);
    }

    public List<AuditEntry> search(
            String actor, String targetType, String targetId, OffsetDateTime from, OffsetDateTime to, int limit) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (actor != null) {
            where.add("actor = :actor");
            parameters.and("actor", actor);
        }
        if (targetType != null) {
            where.add("targetType = :type");
            parameters.and("type", targetType);
        }
        if (targetId != null) {
            where.add("targetId = :id");
            parameters.and("id", targetId);
        }
        if (from != null) {
            where.add("at >= :from");
            parameters.and("from", from);
        }
        if (to != null) {
            where.add("at < :to");
            parameters.and("to", to);
        }
        String query = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        return find(query, Sort.descending("at"), parameters).page(0, limit).list();
    }
}
