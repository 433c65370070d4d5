package vn.loaxa.dispatch.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.dispatch.service.CommandService;

/** Sends remote commands to one receiver; 202 because the receiver carries them out later, if online in time. */
@Path("/api/v1/receivers/{id}/commands")
@RolesAllowed(Roles.SCHEDULE)
public class CommandResource {
    private final CommandService commands;
    private final AccessGuard guard;

    public CommandResource(CommandService commands, AccessGuard guard) {
        this.guard = guard;
        this.commands = commands;
    }

    @POST
    public Response send(@PathParam("id") String receiverId, @Valid @NotNull CommandRequest request) {
        guard.receiver(receiverId);
        return Response.accepted(commands.send(receiverId, request)).build();
    }
}
