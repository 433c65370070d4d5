package vn.loaxa.receiver.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import vn.loaxa.account.Roles;
import vn.loaxa.language.api.ProfileView;
import vn.loaxa.language.service.LanguageService;
import vn.loaxa.receiver.service.ReceiverService;

@Path("/api/v1/receivers")
@RolesAllowed(Roles.USER)
public class ReceiverResource {
    private final ReceiverService service;

    private final LanguageService languages;

    public ReceiverResource(ReceiverService service, LanguageService languages) {
        this.service = service;
        this.languages = languages;
    }

    /** The languages the receiver plays: its own profile, or the nearest area's ({@code inheritedFrom}). */
    @GET
    @Path("{id}/languages")
    public ProfileView languages(@PathParam("id") String id) {
        return languages.receiverProfile(id);
    }

    /** Sets the receiver's own profile; an empty list makes it inherit its area's again. */
    @PUT
    @Path("{id}/languages")
    public ProfileView setLanguages(@PathParam("id") String id, @Valid @NotNull ProfileView profile) {
        return languages.setReceiverProfile(id, profile.languages());
    }

    @GET
    public List<ReceiverView> list() {
        return service.list();
    }

    @GET
    @Path("{id}")
    public ReceiverView get(@PathParam("id") String id) {
        return service.get(id);
    }

    /** Offline periods overlapping [from, to); the default range is the last 7 days. */
    @GET
    @Path("{id}/outages")
    public List<OutageView> outages(@PathParam("id") String id, @QueryParam("from") OffsetDateTime from,
            @QueryParam("to") OffsetDateTime to) {
        OffsetDateTime end = to == null ? OffsetDateTime.now() : to;
        return service.outages(id, from == null ? end.minusDays(7) : from, end);
    }

    /** Issues a new secret, shown only in this answer; the old one stops working on HTTP and the broker at once. */
    @POST
    @Path("{id}/secret")
    @RolesAllowed(Roles.ADMIN)
    public SecretView rotateSecret(@PathParam("id") String id) {
        return new SecretView(id, service.rotateSecret(id));
    }

    /** Revokes the receiver's credentials: it is disconnected and cannot log in until a new secret is issued. */
    @POST
    @Path("{id}/revoke")
    @RolesAllowed(Roles.ADMIN)
    public ReceiverView revoke(@PathParam("id") String id) {
        return service.revoke(id);
    }

    @POST
    public Response provision(@Valid @NotNull ReceiverRequest request) {
        ReceiverView created = service.provision(request);
        return Response.created(URI.create("/api/v1/receivers/" + created.id())).entity(created).build();
    }
}
