package vn.loaxa.inbox.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.SecurityContext;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.inbox.service.InboxService;

/** How a commune takes NORMAL broadcasts from above: accepted at once, or held for a person's decision. */
@Path("/api/v1/areas/{code}/inbox-policy")
@RolesAllowed(Roles.VIEW)
public class InboxPolicyResource {
    private final InboxService service;
    private final AccessGuard guard;

    public InboxPolicyResource(InboxService service, AccessGuard guard) {
        this.service = service;
        this.guard = guard;
    }

    @GET
    public PolicyView policy(@PathParam("code") String code) {
        guard.area(code);
        return service.policy(code);
    }

    @PUT
    @RolesAllowed(Roles.SCHEDULE)
    public PolicyView setPolicy(
            @PathParam("code") String code, @Valid @NotNull PolicyView policy, SecurityContext security) {
        guard.area(code);
        return service.setPolicy(
                code,
                policy.policy(),
                policy.defaultTime(),
                security.getUserPrincipal().getName());
    }
}
