package vn.loaxa.dispatch.signing;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;

/** The public keys agents trust: public by nature, so that provisioning scripts can fetch them. */
@Path("/api/v1/signing-keys")
public class SigningKeyResource {
    private final MessageSigner signer;

    public SigningKeyResource(MessageSigner signer) {
        this.signer = signer;
    }

    @GET
    @PermitAll
    public List<MessageSigner.TrustedKey> keys() {
        return signer.trustedKeys();
    }
}
