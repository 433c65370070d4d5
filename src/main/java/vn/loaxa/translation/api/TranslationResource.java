package vn.loaxa.translation.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.bulletin.service.BulletinService;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.translation.model.TaskState;
import vn.loaxa.translation.service.Callers;
import vn.loaxa.translation.service.TranslationService;

/** Translation tasks: the translator's queue and readings, the reviewer's acceptance (docs/security.md). */
@Path("/api/v1/translations")
@RolesAllowed({Roles.TRANSLATE, Roles.VIEW, Roles.AUTHOR})
public class TranslationResource {
    private final TranslationService service;
    private final BulletinService bulletins;
    private final AccessGuard guard;
    private final Callers callers;

    public TranslationResource(
            TranslationService service, BulletinService bulletins, AccessGuard guard, Callers callers) {
        this.service = service;
        this.bulletins = bulletins;
        this.guard = guard;
        this.callers = callers;
    }

    @GET
    public List<TaskView> list(@QueryParam("state") String state, @QueryParam("mine") boolean mine) {
        return service.list(callers.current(), state(state), mine);
    }

    @GET
    @Path("{id}")
    public TaskDetail get(@PathParam("id") UUID id) {
        readable(id);
        return service.detail(id, callers.current());
    }

    @POST
    @Path("{id}/claim")
    @RolesAllowed(Roles.TRANSLATE)
    public TaskView claim(@PathParam("id") UUID id) {
        return service.claim(id, callers.current());
    }

    @POST
    @Path("{id}/reading")
    @RolesAllowed(Roles.TRANSLATE)
    public TaskView reading(@PathParam("id") UUID id, @Valid @NotNull ReadingRequest reading) {
        return service.submit(id, reading.mediaId(), reading.transcript(), callers.current());
    }

    /** An editor of the language (or of every language), within the bulletin's area, who did not read it. */
    @POST
    @Path("{id}/accept")
    @RolesAllowed(Roles.APPROVE)
    public TaskView accept(@PathParam("id") UUID id) {
        changeable(id);
        return service.accept(id, callers.current());
    }

    @POST
    @Path("{id}/return")
    @RolesAllowed(Roles.APPROVE)
    public TaskView sendBack(@PathParam("id") UUID id, @Valid @NotNull ReturnRequest request) {
        changeable(id);
        return service.sendBack(id, request.reason(), callers.current());
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({Roles.AUTHOR, Roles.SCHEDULE})
    public TaskView cancel(@PathParam("id") UUID id) {
        changeable(id);
        return service.cancel(id);
    }

    /** People read tasks of the bulletins their area may read; a translator's own are checked by the service. */
    private void readable(UUID id) {
        if (!guard.translatorOnly()) {
            UUID bulletin = service.bulletinOf(id);
            guard.read("Bulletin '" + bulletin + "'", bulletins.ownerArea(bulletin));
        }
    }

    private void changeable(UUID id) {
        UUID bulletin = service.bulletinOf(id);
        guard.change("Bulletin '" + bulletin + "'", bulletins.ownerArea(bulletin));
    }

    private static TaskState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return TaskState.valueOf(state.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("state", ErrorMessage.of("translation.unknown-state", state));
        }
    }
}
