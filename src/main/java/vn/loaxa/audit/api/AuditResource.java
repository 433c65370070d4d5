package vn.loaxa.audit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import java.util.List;
import vn.loaxa.account.Roles;
import vn.loaxa.audit.service.AuditService;

/** The audit log, newest first. Read-only: the API offers no way to change or delete an entry. */
@Path("/api/v1/audit")
@RolesAllowed(Roles.ADMIN)
public class AuditResource {
    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    public List<AuditView> search(
            @QueryParam("actor") String actor,
            @QueryParam("targetType") String targetType,
            @QueryParam("targetId") String targetId,
            @QueryParam("from") OffsetDateTime from,
            @QueryParam("to") OffsetDateTime to,
            @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(5000) int limit) {
        return audit.search(actor, targetType, targetId, from, to, limit);
    }
}
