package vn.loaxa.group.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.group.service.GroupService;

@Path("/api/v1/receiver-groups")
@RolesAllowed(Roles.SCHEDULE)
public class GroupResource {
    private final GroupService service;
    private final AccessGuard guard;

    public GroupResource(GroupService service, AccessGuard guard) {
        this.guard = guard;
        this.service = service;
    }

    @GET
    public List<GroupView> list() {
        return service.list(guard.scope());
    }

    @GET
    @Path("{code}")
    public GroupView get(@PathParam("code") String code) {
        changeable(code);
        return service.get(code);
    }

    @POST
    public Response create(@Valid @NotNull GroupRequest request, SecurityContext security) {
        guard.targetReceivers(request.members());
        GroupView created = service.create(request, security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/v1/receiver-groups/" + created.code()))
                .entity(created)
                .build();
    }

    @PUT
    @Path("{code}")
    public GroupView replace(@PathParam("code") String code, @Valid @NotNull GroupRequest request) {
        changeable(code);
        guard.targetReceivers(request.members());
        return service.replace(code, request);
    }

    @DELETE
    @Path("{code}")
    public Response delete(@PathParam("code") String code) {
        changeable(code);
        service.delete(code);
        return Response.noContent().build();
    }

    /** Groups are tools of the area that made them: only its subtree sees or changes them. */
    private void changeable(String code) {
        guard.change("Receiver group '" + code + "'", service.ownerArea(code));
    }
}
