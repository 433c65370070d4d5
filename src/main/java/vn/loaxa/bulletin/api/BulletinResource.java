package vn.loaxa.bulletin.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.Roles;
import vn.loaxa.bulletin.service.BulletinService;
import vn.loaxa.bulletin.service.VariantService;
import vn.loaxa.media.service.MediaService;

@Path("/api/v1/bulletins")
@RolesAllowed({Roles.VIEW, Roles.AUTHOR})
public class BulletinResource {
    private final BulletinService service;
    private final VariantService variantService;
    private final MediaService media;
    private final AccessGuard guard;

    public BulletinResource(
            BulletinService service, VariantService variantService, MediaService media, AccessGuard guard) {
        this.media = media;
        this.guard = guard;
        this.service = service;
        this.variantService = variantService;
    }

    @GET
    public List<BulletinView> list() {
        return service.list(guard.scope());
    }

    @GET
    @Path("{id}")
    public BulletinView get(@PathParam("id") UUID id) {
        readable(id);
        return service.get(id);
    }

    /** Renders (once) and lists the language variants: all languages together, and each language alone. */
    @GET
    @Path("{id}/variants")
    public List<VariantView> variants(@PathParam("id") UUID id) {
        readable(id);
        return variantService.variants(id);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.AUTHOR)
    public BulletinView update(
            @PathParam("id") UUID id, @Valid @NotNull BulletinRequest request, SecurityContext security) {
        changeable(id);
        segmentsReadable(request);
        return service.update(id, request, security.getUserPrincipal().getName());
    }

    @POST
    @Path("{id}/submit")
    @RolesAllowed(Roles.AUTHOR)
    public BulletinView submit(@PathParam("id") UUID id, @Valid ReviewRequest review, SecurityContext security) {
        changeable(id);
        return service.submit(id, security.getUserPrincipal().getName(), review == null ? null : review.reason());
    }

    /** Editors of the bulletin's area (or above it) approve; only APPROVED bulletins can be scheduled. */
    @POST
    @Path("{id}/approve")
    @RolesAllowed(Roles.APPROVE)
    public BulletinView approve(@PathParam("id") UUID id, @Valid ReviewRequest review, SecurityContext security) {
        changeable(id);
        return service.approve(id, security.getUserPrincipal().getName(), review == null ? null : review.reason());
    }

    @POST
    @Path("{id}/reject")
    @RolesAllowed(Roles.APPROVE)
    public BulletinView reject(@PathParam("id") UUID id, @Valid ReviewRequest review, SecurityContext security) {
        changeable(id);
        return service.reject(id, security.getUserPrincipal().getName(), review == null ? null : review.reason());
    }

    @POST
    @RolesAllowed(Roles.AUTHOR)
    public Response create(@Valid @NotNull BulletinRequest request, SecurityContext security) {
        segmentsReadable(request);
        BulletinView created =
                service.create(request, security.getUserPrincipal().getName());
        return Response.created(URI.create("/api/v1/bulletins/" + created.id()))
                .entity(created)
                .build();
    }

    private void readable(UUID id) {
        guard.read("Bulletin '" + id + "'", service.ownerArea(id));
    }

    private void changeable(UUID id) {
        guard.change("Bulletin '" + id + "'", service.ownerArea(id));
    }

    private void segmentsReadable(BulletinRequest request) {
        for (BulletinRequest.SegmentRequest segment : request.segments()) {
            guard.read("Media '" + segment.mediaId() + "'", media.ownerAreaIfExists(segment.mediaId()));
        }
    }
}
