package vn.loaxa.account.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Locks a login name after too many wrong passwords in a row, for a while, so that passwords cannot be guessed at
 * speed. The lock applies to the name, not the address: guessing one account from many addresses is what matters.
 * Every lockout is logged and counted ({@code loaxa_login_lockouts_total}).
 */
@ApplicationScoped
public class LoginThrottle {
    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);
    public static final String LOCKOUTS = "loaxa.login.lockouts";

    @ConfigMapping(prefix = "loaxa.login")
    public interface Config {
        /** Wrong passwords in a row that lock the name. */
        @WithDefault("5")
        int maxFailures();

        /** How long a locked name stays locked. */
        @WithDefault("PT15M")
        Duration lockout();
    }

    private record Failures(int count, Instant lockedUntil) {}

    private final Config config;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Config config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.clock = Clock.systemUTC();
    }

    public boolean isLocked(String name) {
        Failures current = failures.get(name);
        return current != null
                && current.lockedUntil() != null
                && current.lockedUntil().isAfter(clock.instant());
    }

    public void succeeded(String name) {
        failures.remove(name);
    }

    public void failed(String name) {
        Failures updated = failures.compute(name, (key, current) -> {
            int count = current == null || current.lockedUntil() != null ? 1 : current.count() + 1;
            return count >= config.maxFailures()
                    ? new Failures(count, clock.instant().plus(config.lockout()))
                    : new Failures(count, null);
        });
        if (updated.lockedUntil() != null) {
            registry.counter(LOCKOUTS).increment();
            LOG.warnf(
                    "Login '%s' locked until %s after %d wrong passwords in a row",
                    name, updated.lockedUntil(), updated.count());
        }
    }
}
