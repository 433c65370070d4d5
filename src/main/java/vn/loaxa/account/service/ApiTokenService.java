package vn.loaxa.account.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import vn.loaxa.account.api.TokenView;
import vn.loaxa.account.model.ApiToken;
import vn.loaxa.account.model.ApiTokenRepository;
import vn.loaxa.common.error.NotFoundException;

/** Creates, lists, revokes and checks people's API tokens ({@code Authorization: Bearer lxa_…}). */
@ApplicationScoped
public class ApiTokenService {
    static final String PREFIX = "lxa_";

    private final ApiTokenRepository tokens;
    private final Passwords passwords;
    private final CredentialService credentials;

    public ApiTokenService(ApiTokenRepository tokens, Passwords passwords, CredentialService credentials) {
        this.tokens = tokens;
        this.passwords = passwords;
        this.credentials = credentials;
    }

    @Transactional
    public TokenView create(String username, String name) {
        String token = PREFIX + passwords.newSecret();
        ApiToken row = new ApiToken();
        row.id = UUID.randomUUID();
        row.username = username;
        row.name = name.strip();
        row.tokenHash = sha256(token);
        row.createdAt = OffsetDateTime.now();
        tokens.persist(row);
        return view(row, token);
    }

    @Transactional
    public List<TokenView> list(String username) {
        return tokens.ofUser(username).stream().map(t -> view(t, null)).toList();
    }

    /** Revokes one of the caller's own tokens; it stops working at once. */
    @Transactional
    public TokenView revoke(String username, UUID id) {
        ApiToken row = tokens.findByIdOptional(id)
                .filter(t -> t.username.equals(username))
                .orElseThrow(() -> NotFoundException.of("API token", id.toString()));
        if (row.revokedAt == null) {
            row.revokedAt = OffsetDateTime.now();
        }
        return view(row, null);
    }

    /** The person a valid, unrevoked token belongs to, with their current roles. */
    @Transactional
    public Optional<CredentialService.Caller> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return tokens.findActiveByHash(sha256(token)).flatMap(row -> {
            row.lastUsedAt = OffsetDateTime.now();
            return credentials.trusted(row.username);
        });
    }

    private static TokenView view(ApiToken row, String token) {
        return new TokenView(row.id, row.name, row.createdAt, row.lastUsedAt, row.revokedAt, token);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
