package vn.loaxa.account.service;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

/**
 * bcrypt hashing and checking (Elytron) for people's passwords; generation of receivers' random secrets and their fast
 * PBKDF2 hash in Mosquitto's format (docs/security.md, "Receiver secrets").
 */
@ApplicationScoped
public class Passwords {
    private static final WildFlyElytronPasswordProvider PROVIDER = new WildFlyElytronPasswordProvider();
    private static final int MOSQUITTO_ITERATIONS = 101;
    private static final int MOSQUITTO_SALT_BYTES = 12;
    private static final int MOSQUITTO_HASH_BYTES = 64;
    private final SecureRandom random = new SecureRandom();

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password);
    }

    public boolean matches(String password, String storedHash) {
        if (storedHash == null || !storedHash.startsWith("$2")) {
            return false;
        }
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            Password stored = factory.translate(ModularCrypt.decode(storedHash));
            return factory.verify(stored, password.toCharArray());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The same secret hashed the way Mosquitto's password file expects it ({@code $7$}: PBKDF2-HMAC-SHA512, 101
     * iterations, a 12-byte salt, as {@code mosquitto_passwd} writes it), so that a generated password file lets a
     * receiver log in to Mosquitto with its one secret. Only the hash is kept.
     */
    public String brokerHash(String secret) {
        byte[] salt = new byte[MOSQUITTO_SALT_BYTES];
        random.nextBytes(salt);
        return brokerHash(secret, salt);
    }

    /**
     * The same with a salt derived from {@code saltSource}, for a line that is regenerated often and should come out
     * the same each time (the server's own, whose password is random and long).
     */
    public String stableBrokerHash(String secret, String saltSource) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("loaxa-broker-salt:" + saltSource).getBytes(StandardCharsets.UTF_8));
            return brokerHash(secret, Arrays.copyOf(digest, MOSQUITTO_SALT_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Whether {@code secret} is the one hashed in {@code storedHash}, a {@code $7$} hash as {@link #brokerHash} or
     * {@code mosquitto_passwd} writes it; compared in constant time. A high-entropy secret needs no slow hash: at 101
     * iterations this takes under a millisecond, where a bcrypt check takes 50 to 100 on the test box.
     */
    public boolean matchesBrokerHash(String secret, String storedHash) {
        if (secret == null || storedHash == null || !storedHash.startsWith("$7$")) {
            return false;
        }
        String[] parts = storedHash.split("\\$");
        if (parts.length != 5) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[2]);
            byte[] salt = Base64.getDecoder().decode(parts[3]);
            byte[] expected = Base64.getDecoder().decode(parts[4]);
            return iterations > 0
                    && expected.length > 0
                    && MessageDigest.isEqual(pbkdf2(secret, salt, iterations, expected.length), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String brokerHash(String secret, byte[] salt) {
        Base64.Encoder base64 = Base64.getEncoder();
        return "$7$" + MOSQUITTO_ITERATIONS + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(pbkdf2(secret, salt, MOSQUITTO_ITERATIONS, MOSQUITTO_HASH_BYTES));
    }

    private static byte[] pbkdf2(String secret, byte[] salt, int iterations, int hashBytes) {
        try {
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512");
            return pbkdf2.generateSecret(new PBEKeySpec(secret.toCharArray(), salt, iterations, hashBytes * 8))
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is part of every Java runtime", e);
        }
    }

    /** A URL-safe random secret with 192 bits of entropy. */
    public String newSecret() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
