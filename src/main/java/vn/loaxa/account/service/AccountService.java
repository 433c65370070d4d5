package vn.loaxa.account.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import vn.loaxa.account.Roles;
import vn.loaxa.account.api.AccountChange;
import vn.loaxa.account.api.AccountRequest;
import vn.loaxa.account.api.AccountView;
import vn.loaxa.account.model.Account;
import vn.loaxa.account.model.AccountRepository;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;

/** People's accounts, created by an administrator; passwords are kept only as bcrypt hashes. */
@ApplicationScoped
public class AccountService {
    private final AccountRepository accounts;
    private final ReceiverCredentials receivers;
    private final Passwords passwords;
    private final KnownAreas areas;
    private final KnownLanguages languages;

    public AccountService(
            AccountRepository accounts,
            ReceiverCredentials receivers,
            Passwords passwords,
            KnownAreas areas,
            KnownLanguages languages) {
        this.accounts = accounts;
        this.languages = languages;
        this.areas = areas;
        this.receivers = receivers;
        this.passwords = passwords;
    }

    @Transactional
    public AccountView create(AccountRequest request) {
        if (accounts.findByIdOptional(request.username()).isPresent() || receivers.exists(request.username())) {
            throw new ConflictException(ErrorMessage.of("account.name-taken", request.username()));
        }
        Account account = new Account();
        account.username = request.username();
        account.passwordHash = passwords.hash(request.password());
        account.role = request.role();
        account.areaCode = checkedArea(request.role(), request.areaCode());
        account.languages.addAll(languages(request.languages()));
        account.createdAt = OffsetDateTime.now();
        accounts.persist(account);
        return view(account);
    }

    @Transactional
    public List<AccountView> list() {
        return accounts.listAll().stream().map(AccountService::view).toList();
    }

    /** Gives the account another role or area; it holds from the person's next request (sessions re-read it). */
    @Transactional
    public AccountView change(String username, AccountChange change, String by) {
        Account account = find(username);
        if (username.equals(by) && !Roles.ADMIN.equals(change.role())) {
            throw new ConflictException(ErrorMessage.of("account.own-role"));
        }
        account.role = change.role();
        account.areaCode = checkedArea(change.role(), change.areaCode());
        account.languages.clear();
        account.languages.addAll(languages(change.languages()));
        return view(account);
    }

    /** Sets a new password; the old one stops working at once. */
    @Transactional
    public AccountView resetPassword(String username, String password) {
        Account account = find(username);
        account.passwordHash = passwords.hash(password);
        return view(account);
    }

    /**
     * Locks (or unlocks) an account. A locked account cannot log in, and its web sessions and API tokens stop
     * working from their next request. Nobody locks their own account, so that one administrator always remains.
     */
    @Transactional
    public AccountView lock(String username, boolean locked, String by) {
        Account account = find(username);
        if (locked && username.equals(by)) {
            throw new ConflictException(ErrorMessage.of("account.lock-self"));
        }
        if (locked && account.lockedAt == null) {
            account.lockedAt = OffsetDateTime.now();
        } else if (!locked) {
            account.lockedAt = null;
        }
        return view(account);
    }

    /** The languages the account translates or reviews; empty for an unknown account. */
    @Transactional
    public Set<String> languagesOf(String username) {
        return accounts.findByIdOptional(username)
                .map(account -> Set.copyOf(account.languages))
                .orElse(Set.of());
    }

    /** The translator accounts (unlocked) that translate this language, with their areas. */
    @Transactional
    public List<AccountView> translatorsOf(String language) {
        return accounts.list("role = ?1 and lockedAt is null order by username", Roles.TRANSLATOR).stream()
                .filter(account -> account.languages.contains(language))
                .map(AccountService::view)
                .toList();
    }

    /** The account, if it exists. */
    @Transactional
    public java.util.Optional<AccountView> account(String username) {
        return accounts.findByIdOptional(username).map(AccountService::view);
    }

    private Account find(String username) {
        return accounts.findByIdOptional(username).orElseThrow(() -> NotFoundException.of("Account", username));
    }

    private String checkedArea(String role, String areaCode) {
        if (areaCode == null || areaCode.isBlank() || Roles.ADMIN.equals(role)) {
            return null;
        }
        if (!areas.exists(areaCode)) {
            throw NotFoundException.referenced("Area", areaCode);
        }
        return areaCode;
    }

    private Set<String> languages(List<String> requested) {
        if (requested == null) {
            return Set.of();
        }
        for (String code : requested) {
            if (!languages.exists(code)) {
                throw new InvalidRequestException("languages", ErrorMessage.of("language.unknown", code));
            }
        }
        return new TreeSet<>(requested);
    }

    private static AccountView view(Account account) {
        return new AccountView(
                account.username,
                account.role,
                account.areaCode,
                account.createdAt,
                account.lockedAt,
                List.copyOf(account.languages));
    }
}
