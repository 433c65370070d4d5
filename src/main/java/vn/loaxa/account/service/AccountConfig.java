package vn.loaxa.account.service;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "loaxa.admin")
public interface AccountConfig {
    /** Password of the {@code admin} account created at first start; generated and printed once when absent. */
    Optional<String> initialPassword();
}
