package vn.loaxa.account.service;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.Set;
import vn.loaxa.account.Roles;
import vn.loaxa.account.model.Account;
import vn.loaxa.account.model.AccountRepository;

/** Checks a name and password against people's accounts first, then receivers' secrets. */
@ApplicationScoped
public class CredentialService {
    private final AccountRepository accounts;
    private final ReceiverCredentials receivers;
    private final Passwords passwords;
    private final LoginThrottle throttle;

    public CredentialService(
            AccountRepository accounts, ReceiverCredentials receivers, Passwords passwords, LoginThrottle throttle) {
        this.accounts = accounts;
        this.receivers = receivers;
        this.passwords = passwords;
        this.throttle = throttle;
    }

    /** A checked caller; {@code areaCode} is the root of a person's area subtree, null for the whole country. */
    public record Caller(String name, Set<String> roles, String areaCode) {

        public SecurityIdentity identity() {
            QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(name))
                    .addRoles(roles);
            if (areaCode != null) {
                builder.addAttribute(AREA_ATTRIBUTE, areaCode);
            }
            return builder.build();
        }
    }

    /** The identity attribute holding {@link Caller#areaCode()}. */
    public static final String AREA_ATTRIBUTE = "loaxa.area";

    /** Checks a login; a name locked by {@link LoginThrottle} is refused whatever the password. */
    @Transactional
    public Optional<Caller> check(String name, String password) {
        if (throttle.isLocked(name)) {
            return Optional.empty();
        }
        Optional<Caller> caller = verify(name, password);
        if (caller.isPresent()) {
            throttle.succeeded(name);
        } else {
            throttle.failed(name);
        }
        return caller;
    }

    private Optional<Caller> verify(String name, String password) {
        var account = accounts.findByIdOptional(name);
        if (account.isPresent()) {
            if (account.get().lockedAt != null) {
                return Optional.empty();
            }
            return passwords.matches(password, account.get().passwordHash)
                    ? Optional.of(person(account.get()))
                    : Optional.empty();
        }
        return receivers.isCurrentSecret(name, password)
                ? Optional.of(new Caller(name, Set.of(Roles.RECEIVER), null))
                : Optional.empty();
    }

    /**
     * The roles of a person whose login was already checked (a web session cookie, an API token); receivers have no
     * sessions, and a locked account has none either.
     */
    @Transactional
    public Optional<Caller> trusted(String name) {
        return accounts.findByIdOptional(name)
                .filter(account -> account.lockedAt == null)
                .map(CredentialService::person);
    }

    private static Caller person(Account account) {
        return new Caller(
                account.username, Roles.of(account.role), Roles.ADMIN.equals(account.role) ? null : account.areaCode);
    }
}
