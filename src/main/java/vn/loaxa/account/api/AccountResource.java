package vn.loaxa.account.api;

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
import vn.loaxa.account.Roles;
import vn.loaxa.account.service.AccountService;

@Path("/api/v1/accounts")
@RolesAllowed(Roles.ADMIN)
public class AccountResource {
    private final AccountService accounts;

    public AccountResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @POST
    public Response create(@Valid @NotNull AccountRequest request) {
        AccountView created = accounts.create(request);
        return Response.created(URI.create("/api/v1/accounts/" + created.username()))
                .entity(created)
                .build();
    }

    @GET
    public List<AccountView> list() {
        return accounts.list();
    }

    /** Another role or area for the account. */
    @PUT
    @Path("{username}")
    public AccountView change(
            @PathParam("username") String username, @Valid @NotNull AccountChange change, SecurityContext security) {
        return accounts.change(username, change, security.getUserPrincipal().getName());
    }

    /** Sets a new password for a person who forgot theirs. */
    @PUT
    @Path("{username}/password")
    public AccountView resetPassword(@PathParam("username") String username, @Valid @NotNull PasswordReset reset) {
        return accounts.resetPassword(username, reset.password());
    }

    /** Locks the account: it cannot log in, and its sessions and API tokens stop working. */
    @POST
    @Path("{username}/lock")
    public AccountView lock(@PathParam("username") String username, SecurityContext security) {
        return accounts.lock(username, true, security.getUserPrincipal().getName());
    }

    @POST
    @Path("{username}/unlock")
    public AccountView unlock(@PathParam("username") String username, SecurityContext security) {
        return accounts.lock(username, false, security.getUserPrincipal().getName());
    }
}
