package vn.loaxa.account.service;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Authenticates HTTP Basic and form logins against {@link CredentialService}. */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private final CredentialService credentials;

    public PasswordIdentityProvider(CredentialService credentials) {
        this.credentials = credentials;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String password = new String(request.getPassword().getPassword());
        return context.runBlocking(() -> credentials
                .check(request.getUsername(), password)
                .map(CredentialService.Caller::identity)
                .orElseThrow(() -> new AuthenticationFailedException("Wrong user name or password")));
    }
}
