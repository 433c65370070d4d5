package vn.loaxa.account.api;

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
}
