package vn.loaxa.account.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import vn.loaxa.account.Roles;
import vn.loaxa.account.api.AccountRequest;
import vn.loaxa.account.api.AccountView;
import vn.loaxa.account.model.Account;
import vn.loaxa.account.model.AccountRepository;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.NotFoundException;

/** People's accounts, created by an administrator; passwords are kept only as bcrypt hashes. */
@ApplicationScoped
public class AccountService {
    private final AccountRepository accounts;
    private final ReceiverCredentials receivers;
    private final Passwords passwords;
    private final KnownAreas areas;

    public AccountService(
            AccountRepository accounts, ReceiverCredentials receivers, Passwords passwords, KnownAreas areas) {
        this.accounts = accounts;
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
        if (request.areaCode() != null && !request.areaCode().isBlank() && !Roles.ADMIN.equals(request.role())) {
            if (!areas.exists(request.areaCode())) {
                throw NotFoundException.referenced("Area", request.areaCode());
            }
            account.areaCode = request.areaCode();
        }
        account.createdAt = OffsetDateTime.now();
        accounts.persist(account);
        return view(account);
    }

    @Transactional
    public List<AccountView> list() {
        return accounts.listAll().stream().map(AccountService::view).toList();
    }

    private static AccountView view(Account account) {
        return new AccountView(account.username, account.role, account.areaCode, account.createdAt);
    }
}
