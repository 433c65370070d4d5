package vn.loaxa.live.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.UUID;
import vn.loaxa.account.Roles;
import vn.loaxa.live.service.LiveEnd;
import vn.loaxa.live.service.LiveService;
import vn.loaxa.schedule.service.BroadcastGuard;

/**
 * Live sessions (docs/protocol.md, "Live sessions"; docs/operations.md, "Going live"). Starting one needs the right
 * to schedule broadcasts to its targets; the source then sends its audio to {@code audioPath} (an Ogg Opus stream,
 * as FFmpeg sends it: {@link LiveAudioRoute}) or {@code socketPath} (the browser: {@link LiveSocket}).
 */
@Path("/api/v1/live")
@RolesAllowed(Roles.VIEW)
public class LiveResource {
    private final LiveService service;
    private final BroadcastGuard guard;

    public LiveResource(LiveService service, BroadcastGuard guard) {
        this.service = service;
        this.guard = guard;
    }

    @POST
    @RolesAllowed(Roles.SCHEDULE)
    public Response start(@Valid @NotNull LiveRequest request, @Context SecurityContext security) {
        guard.targets(request.targets());
        LiveView started = service.start(request, security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/v1/live/" + started.id()))
                .entity(started)
                .build();
    }

    @GET
    @Path("{id}")
    public LiveView get(@PathParam("id") UUID id) {
        guard.read(service.broadcastOf(id));
        return service.get(id);
    }

    @POST
    @Path("{id}/end")
    @RolesAllowed(Roles.SCHEDULE)
    public LiveView end(@PathParam("id") UUID id, @Context SecurityContext security) {
        guard.change(service.broadcastOf(id));
        return service.end(id, security.getUserPrincipal().getName(), LiveEnd.ENDED);
    }
}
