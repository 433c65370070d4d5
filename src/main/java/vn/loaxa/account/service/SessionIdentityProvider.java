package vn.loaxa.account.service;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Restores the identity of a web session (form login cookie), re-reading the account's current role. */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {
    private final CredentialService credentials;

    public SessionIdentityProvider(CredentialService credentials) {
        this.credentials = credentials;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> credentials
                .trusted(request.getPrincipal())
                .map(CredentialService.Caller::identity)
                .orElseThrow(() -> new AuthenticationFailedException("The session's account no longer exists")));
    }
}
