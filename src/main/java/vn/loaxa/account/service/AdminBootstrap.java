package vn.loaxa.account.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import org.jboss.logging.Logger;
import vn.loaxa.account.Roles;
import vn.loaxa.account.model.Account;
import vn.loaxa.account.model.AccountRepository;

/**
 * Creates the {@code admin} account on the first start, storing only its bcrypt hash; a generated password is shown in
 * the {@link FirstStartNotice}.
 */
@ApplicationScoped
public class AdminBootstrap {
    static final String ADMIN = "admin";
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final AccountRepository accounts;
    private final Passwords passwords;
    private final AccountConfig config;
    private final FirstStartNotice notice;

    public AdminBootstrap(
            AccountRepository accounts, Passwords passwords, AccountConfig config, FirstStartNotice notice) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.config = config;
        this.notice = notice;
    }

    @Transactional
    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (accounts.findByIdOptional(ADMIN).isPresent()) {
            return;
        }
        String password = config.initialPassword().orElseGet(passwords::newSecret);
        Account admin = new Account();
        admin.username = ADMIN;
        admin.passwordHash = passwords.hash(password);
        admin.role = Roles.ADMIN;
        admin.createdAt = OffsetDateTime.now();
        accounts.persist(admin);
        if (config.initialPassword().isEmpty()) {
            LOG.info("Created account 'admin' with a generated password, shown once the server listens");
            notice.add(new FirstStartNotice.Credential(ADMIN, Roles.ADMIN, null, password));
        } else {
            LOG.info("Created account 'admin' with the password from LOAXA_ADMIN_PASSWORD");
        }
    }
}
