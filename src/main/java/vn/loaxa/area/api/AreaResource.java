package vn.loaxa.area.api;

import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import vn.loaxa.language.api.ProfileView;
import vn.loaxa.language.service.LanguageService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import vn.loaxa.account.Roles;
import vn.loaxa.area.service.AreaService;
import vn.loaxa.inbox.api.InboxItemView;
import vn.loaxa.inbox.api.PolicyView;
import vn.loaxa.inbox.service.InboxService;
import jakarta.ws.rs.core.SecurityContext;

@Path("/api/v1/areas")
@RolesAllowed(Roles.USER)
public class AreaResource {
    private final AreaService service;
    private final LanguageService languages;
    private final InboxService inbox;

    public AreaResource(AreaService service, LanguageService languages, InboxService inbox) {
        this.service = service;
        this.languages = languages;
        this.inbox = inbox;
    }

    /** The commune's inbox: NORMAL broadcasts from above, newest first. */
    @GET
    @Path("{code}/inbox")
    public List<InboxItemView> inbox(@PathParam("code") String code) {
        return inbox.inbox(code);
    }

    @GET
    @Path("{code}/inbox-policy")
    public PolicyView inboxPolicy(@PathParam("code") String code) {
        return inbox.policy(code);
    }

    @PUT
    @Path("{code}/inbox-policy")
    public PolicyView setInboxPolicy(@PathParam("code") String code, @Valid @NotNull PolicyView policy,
            SecurityContext security) {
        return inbox.setPolicy(code, policy.policy(), security.getUserPrincipal().getName());
    }

    /** The area's own ordered language profile (empty when it has none). */
    @GET
    @Path("{code}/languages")
    public ProfileView languages(@PathParam("code") String code) {
        return languages.areaProfile(code);
    }

    @PUT
    @Path("{code}/languages")
    public ProfileView setLanguages(@PathParam("code") String code, @Valid @NotNull ProfileView profile) {
        return languages.setAreaProfile(code, profile.languages());
    }

    @GET
    public List<AreaNode> tree() {
        return service.tree();
    }

    @POST
    public Response create(@Valid @NotNull AreaRequest request) {
        AreaNode created = service.create(request);
        return Response.created(URI.create("/api/v1/areas/" + created.code())).entity(created).build();
    }
}
