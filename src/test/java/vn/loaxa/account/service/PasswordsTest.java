package vn.loaxa.account.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Receivers' secrets are checked against a PBKDF2 hash in Mosquitto's format; people's passwords against bcrypt. */
class PasswordsTest {
    /** Written by {@code mosquitto_passwd -c -b file rx-1 'd2VsbC1rZXB0LXJlY2VpdmVyLXNlY3JldA'} (Mosquitto 2). */
    private static final String MOSQUITTO_PASSWD_HASH =
            "$7$101$DoUasYDoB4rK/Wgz$P7K4liQ8n7UsYgvKegfOvDSHZoSHXXm9CKLwHF7"
                    + "IyEdRBtf6BDgJRkQ9BCqkJhjl7JdPRHSqWwiR+Kh+iazUSw==";

    private final Passwords passwords = new Passwords();

    @Test
    void shouldAcceptTheSecretOfAHashThatMosquittoPasswdWrote() {
        assertThat(passwords.matchesBrokerHash("d2VsbC1rZXB0LXJlY2VpdmVyLXNlY3JldA", MOSQUITTO_PASSWD_HASH))
                .isTrue();
        assertThat(passwords.matchesBrokerHash("d2VsbC1rZXB0LXJlY2VpdmVyLXNlY3JldB", MOSQUITTO_PASSWD_HASH))
                .isFalse();
    }

    @Test
    void shouldMatchANewSecretAgainstItsOwnSaltedHashOnly() {
        String secret = passwords.newSecret();
        String first = passwords.brokerHash(secret);
        String second = passwords.brokerHash(secret);

        assertThat(first).startsWith("$7$101$").isNotEqualTo(second);
        assertThat(passwords.matchesBrokerHash(secret, first)).isTrue();
        assertThat(passwords.matchesBrokerHash(secret, second)).isTrue();
        assertThat(passwords.matchesBrokerHash(passwords.newSecret(), first)).isFalse();
        assertThat(passwords.matchesBrokerHash(secret + "x", first)).isFalse();
    }

    @Test
    void shouldRefuseEverySecretAgainstAMissingMalformedOrBcryptHash() {
        String secret = passwords.newSecret();
        String hash = passwords.brokerHash(secret);

        assertThat(passwords.matchesBrokerHash(secret, null)).isFalse();
        assertThat(passwords.matchesBrokerHash(secret, "")).isFalse();
        assertThat(passwords.matchesBrokerHash(secret, "$7$101$")).isFalse();
        assertThat(passwords.matchesBrokerHash(secret, "$7$x$c2FsdA==$aGFzaA=="))
                .isFalse();
        assertThat(passwords.matchesBrokerHash(secret, "$7$101$not base64$aGFzaA=="))
                .isFalse();
        assertThat(passwords.matchesBrokerHash(secret, "$7$0$" + hash.substring("$7$101$".length())))
                .isFalse();
        assertThat(passwords.matchesBrokerHash(secret, passwords.hash(secret))).isFalse();
        assertThat(passwords.matches(secret, hash))
                .as("bcrypt never accepts a PBKDF2 hash")
                .isFalse();
    }
}
