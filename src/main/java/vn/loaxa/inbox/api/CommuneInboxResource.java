package vn.loaxa.inbox.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.inbox.service.InboxService;

/** The commune's inbox: NORMAL broadcasts from above, newest first. */
@Path("/api/v1/areas/{code}/inbox")
@RolesAllowed(Roles.VIEW)
public class CommuneInboxResource {
    private final InboxService service;
    private final AccessGuard guard;

    public CommuneInboxResource(InboxService service, AccessGuard guard) {
        this.service = service;
        this.guard = guard;
    }

    @GET
    public List<InboxItemView> inbox(@PathParam("code") String code) {
        guard.area(code);
        return service.inbox(code);
    }
}
