package vn.loaxa.translation.service;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.account.service.AccountService;

/** The {@link Caller} of the current request. */
@RequestScoped
public class Callers {
    private final SecurityIdentity identity;
    private final AccessGuard guard;
    private final AccountService accounts;

    public Callers(SecurityIdentity identity, AccessGuard guard, AccountService accounts) {
        this.identity = identity;
        this.guard = guard;
        this.accounts = accounts;
    }

    public Caller current() {
        String username = identity.getPrincipal().getName();
        return new Caller(username, guard.scope(), guard.translatorOnly(), Set.copyOf(accounts.languagesOf(username)));
    }
}
