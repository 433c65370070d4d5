package vn.loaxa.dispatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loaxa.account.service.Passwords;
import vn.loaxa.receiver.model.ReceiverRepository;
import vn.loaxa.support.Fixtures;

/** A remembered broker login never outlives the secret it checked: rotation and revocation take effect at once. */
@QuarkusTest
class ReceiverLoginsTest {

    @Inject
    ReceiverLogins logins;

    @Inject
    ReceiverRepository receivers;

    @Inject
    Passwords passwords;

    @Test
    void shouldRefuseARememberedSecretAtOnceAfterRotationAndRevocation() {
        Fixtures.area("RLR", "COMMUNE", null);
        String old = Fixtures.receiver("rlr-a", "RLR", List.of("vie"));
        assertThat(logins.isCurrentSecret("rlr-a", bytes(old))).isTrue();
        assertThat(logins.isCurrentSecret("rlr-a", bytes(old))).as("remembered").isTrue();

        String renewed = rotate("rlr-a");
        assertThat(logins.isCurrentSecret("rlr-a", bytes(old))).isFalse();
        assertThat(logins.isCurrentSecret("rlr-a", bytes(renewed))).isTrue();

        asAdmin().post("/api/v1/receivers/rlr-a/revoke").then().statusCode(200);
        assertThat(logins.isCurrentSecret("rlr-a", bytes(renewed))).isFalse();
    }

    @Test
    void shouldRefuseAWrongSecretEvenWhileTheRightOneIsRemembered() {
        Fixtures.area("RLW", "COMMUNE", null);
        String secret = Fixtures.receiver("rlw-a", "RLW", List.of("vie"));
        assertThat(logins.isCurrentSecret("rlw-a", bytes(secret))).isTrue();

        assertThat(logins.isCurrentSecret("rlw-a", bytes(secret + "x"))).isFalse();
        assertThat(logins.isCurrentSecret("rlw-b", bytes(secret))).isFalse();
        assertThat(logins.isCurrentSecret("rlw-a", bytes(secret))).isTrue();
    }

    @Test
    void shouldLetALegacyReceiverInAfterARestartForgotItsLoginAndRehashItsSecret() {
        Fixtures.area("RLL", "COMMUNE", null);
        String secret = Fixtures.receiver("rll-a", "RLL", List.of("vie"));
        String bcrypt = passwords.hash(secret);
        QuarkusTransaction.requiringNew()
                .run(() -> receivers.update("brokerHash = null, legacySecretHash = ?1 where id = ?2", bcrypt, "rll-a"));
        logins.forgetAll();

        assertThat(logins.isCurrentSecret("rll-a", bytes(secret))).isTrue();
        logins.forgetAll();
        String rehashed = QuarkusTransaction.requiringNew().call(() -> receivers.findById("rll-a").brokerHash);
        assertThat(passwords.matchesBrokerHash(secret, rehashed)).isTrue();
        assertThat(logins.isCurrentSecret("rll-a", bytes(secret))).isTrue();
        assertThat(logins.isCurrentSecret("rll-a", bytes(secret + "x"))).isFalse();
    }

    private static String rotate(String receiverId) {
        return asAdmin()
                .post("/api/v1/receivers/" + receiverId + "/secret")
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
    }

    private static byte[] bytes(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
