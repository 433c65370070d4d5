package vn.loaxa.dispatch.signing;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "loaxa.signing")
public interface SigningConfig {
    /**
     * PEM (PKCS#8) Ed25519 private key that signs every manifest and command. When absent, a key is generated at
     * first start under {@code <data-dir>/keys/} and its public key is logged (docs/security.md).
     */
    Optional<Path> keyFile();

    /**
     * Public keys (base64 X.509) that agents may still trust during a rotation, listed by
     * {@code GET /api/v1/signing-keys} next to the current one.
     */
    Optional<List<String>> previousPublicKeys();
}
