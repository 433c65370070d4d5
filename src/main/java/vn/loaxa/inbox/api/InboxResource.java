package vn.loaxa.inbox.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.inbox.service.InboxService;

/**
 * Decisions on inbox items; a commune's inbox and policy are {@link CommuneInboxResource} and
 * {@link InboxPolicyResource}.
 */
@Path("/api/v1/inbox")
@RolesAllowed(Roles.SCHEDULE)
public class InboxResource {
    private final InboxService service;
    private final AccessGuard guard;

    public InboxResource(InboxService service, AccessGuard guard) {
        this.guard = guard;
        this.service = service;
    }

    @POST
    @Path("{id}/accept")
    public InboxItemView accept(@PathParam("id") UUID id, @Valid AcceptRequest request, SecurityContext security) {
        guard.area(service.communeOf(id));
        return service.accept(id, request, security.getUserPrincipal().getName());
    }

    @POST
    @Path("{id}/decline")
    public InboxItemView decline(
            @PathParam("id") UUID id, @Valid @NotNull DeclineRequest request, SecurityContext security) {
        guard.area(service.communeOf(id));
        return service.decline(id, request.reason(), security.getUserPrincipal().getName());
    }
}
