package vn.loaxa.audit.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import vn.loaxa.audit.api.AuditView;
import vn.loaxa.audit.model.AuditEntry;
import vn.loaxa.audit.model.AuditRepository;

/** Appends to the audit log and searches it. Nothing here updates or deletes an entry. */
@ApplicationScoped
public class AuditService {
    static final int MAX_TEXT = 16_000;

    private final AuditRepository entries;

    public AuditService(AuditRepository entries) {
        this.entries = entries;
    }

    /** A state-changing call: what was asked, the target's last recorded state, and what the API answered. */
    public record Call(
            String actor,
            String method,
            String path,
            String targetType,
            String targetId,
            int status,
            String request,
            String after) {}

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Call call) {
        AuditEntry entry = new AuditEntry();
        entry.id = UUID.randomUUID();
        entry.at = OffsetDateTime.now();
        entry.actor = truncate(call.actor(), 64);
        entry.method = call.method();
        entry.path = truncate(call.path(), 500);
        entry.targetType = truncate(call.targetType(), 40);
        entry.targetId = truncate(call.targetId(), 200);
        entry.status = call.status();
        entry.request = truncate(call.request(), MAX_TEXT);
        entry.beforeValue = call.targetId() == null
                ? null
                : entries.lastStateOf(entry.targetType, entry.targetId).orElse(null);
        entry.afterValue = call.status() < 400 ? truncate(call.after(), MAX_TEXT) : null;
        entries.persist(entry);
    }

    @Transactional
    public List<AuditView> search(
            String actor, String targetType, String targetId, OffsetDateTime from, OffsetDateTime to, int limit) {
        return entries.search(actor, targetType, targetId, from, to, limit).stream()
                .map(e -> new AuditView(
                        e.id,
                        e.at,
                        e.actor,
                        e.method,
                        e.path,
                        e.targetType,
                        e.targetId,
                        e.status,
                        e.request,
                        e.beforeValue,
                        e.afterValue))
                .toList();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
