package vn.loaxa.account.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import vn.loaxa.account.Roles;
import vn.loaxa.account.model.AccountRepository;

/** The area a person works for, which becomes the owner of what they make; null for national accounts and systems. */
@ApplicationScoped
public class AccountAreas {
    private final AccountRepository accounts;

    public AccountAreas(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public String areaOf(String username) {
        return username == null
                ? null
                : accounts.findByIdOptional(username)
                        .filter(account -> !Roles.ADMIN.equals(account.role))
                        .map(account -> account.areaCode)
                        .orElse(null);
    }
}
