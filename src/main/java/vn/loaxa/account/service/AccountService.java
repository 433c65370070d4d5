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
import vn.loaxa.area.model.AreaRepository;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.receiver.model.ReceiverRepository;

/** People's accounts, created by an administrator; passwords are kept only as bcrypt hashes. */
@ApplicationScoped
public class AccountService {
    private final AccountRepository accounts;
    private final ReceiverRepository receivers;
    private final Passwords passwords;
    private final AreaRepository areas;

    public AccountService(AccountRepository accounts, ReceiverRepository receivers, Passwords passwords,
            AreaRepository areas) {
        this.accounts = accounts;
        this.areas = areas;
        this.receivers = receivers;
        this.passwords = passwords;
    }

    @Transactional
    public AccountView create(AccountRequest request) {
        if (accounts.findByIdOptional(request.username()).isPresent()
                || receivers.findByIdOptional(request.username()).isPresent()) {
            throw new ConflictException("The name '" + request.username() + "' is already taken by an account or a"
                    + " receiver");
        }
        Account account = new Account();
        account.username = request.username();
        account.passwordHash = passwords.hash(request.password());
        account.role = request.role();
        if (request.areaCode() != null && !request.areaCode().isBlank() && !Roles.ADMIN.equals(request.role())) {
            account.areaCode = areas.findByIdOptional(request.areaCode())
                    .orElseThrow(() -> NotFoundException.referenced("Area", request.areaCode())).code;
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
