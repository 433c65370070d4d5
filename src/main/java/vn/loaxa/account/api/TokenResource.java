package vn.loaxa.account.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import vn.loaxa.account.Roles;
import vn.loaxa.account.service.ApiTokenService;

/** The caller's own API tokens, for scripts: {@code Authorization: Bearer <token>}. */
@Path("/api/v1/tokens")
@RolesAllowed(Roles.USER)
public class TokenResource {
    private final ApiTokenService tokens;

    public TokenResource(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    /** Creates a token; the answer is the only time it is shown. */
    @POST
    public Response create(@Valid @NotNull TokenRequest request, SecurityContext security) {
        TokenView created = tokens.create(security.getUserPrincipal().getName(), request.name());
        return Response.created(URI.create("/api/v1/tokens/" + created.id()))
                .entity(created)
                .build();
    }

    @GET
    public List<TokenView> list(SecurityContext security) {
        return tokens.list(security.getUserPrincipal().getName());
    }

    @DELETE
    @Path("{id}")
    public TokenView revoke(@PathParam("id") UUID id, SecurityContext security) {
        return tokens.revoke(security.getUserPrincipal().getName(), id);
    }
}
