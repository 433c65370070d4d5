package vn.loaxa.receiver.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loaxa.account.service.Passwords;
import vn.loaxa.receiver.model.Receiver;
import vn.loaxa.receiver.model.ReceiverRepository;
import vn.loaxa.support.Fixtures;

/**
 * A receiver's secret is kept and checked as a PBKDF2 hash; a receiver that still has only a bcrypt hash (provisioned
 * before) logs in with it once, which replaces it, on the broker or over HTTP alike.
 */
@QuarkusTest
class ReceiverSecretsTest {

    @Inject
    ReceiverSecrets secrets;

    @Inject
    ReceiverRepository receivers;

    @Inject
    Passwords passwords;

    @Test
    void shouldKeepOnlyThePbkdf2HashOfAnIssuedSecretAndAcceptNothingElse() {
        Fixtures.area("RSN", "COMMUNE", null);
        String secret = Fixtures.receiver("rsn-a", "RSN", List.of("vie"));

        Receiver stored = row("rsn-a");
        assertThat(stored.brokerHash).startsWith("$7$101$");
        assertThat(stored.legacySecretHash).isNull();
        assertThat(secrets.isCurrent("rsn-a", secret)).isTrue();
        assertThat(secrets.isCurrent("rsn-a", secret + "x")).isFalse();
        assertThat(secrets.isCurrent("rsn-a", "")).isFalse();
        assertThat(secrets.isCurrent("rsn-nobody", secret)).isFalse();
    }

    @Test
    void shouldReplaceALegacyBcryptHashAtTheFirstSuccessfulLoginOnly() {
        Fixtures.area("RSL", "COMMUNE", null);
        String secret = Fixtures.receiver("rsl-a", "RSL", List.of("vie"));
        String bcrypt = makeLegacy("rsl-a", secret);

        assertThat(secrets.isCurrent("rsl-a", secret + "x")).isFalse();
        assertThat(row("rsl-a").legacySecretHash)
                .as("a wrong secret changes nothing")
                .isEqualTo(bcrypt);
        assertThat(row("rsl-a").brokerHash).isNull();

        assertThat(secrets.isCurrent("rsl-a", secret)).isTrue();
        Receiver upgraded = row("rsl-a");
        assertThat(upgraded.legacySecretHash).isNull();
        assertThat(passwords.matchesBrokerHash(secret, upgraded.brokerHash)).isTrue();
        assertThat(secrets.isCurrent("rsl-a", secret)).isTrue();
        assertThat(secrets.isCurrent("rsl-a", secret + "x")).isFalse();
    }

    @Test
    void shouldRefuseTheOldSecretOfALegacyReceiverRotatedOrRevokedBeforeItsFirstLogin() {
        Fixtures.area("RSR", "COMMUNE", null);
        String old = Fixtures.receiver("rsr-a", "RSR", List.of("vie"));
        makeLegacy("rsr-a", old);

        String renewed = asAdmin()
                .post("/api/v1/receivers/rsr-a/secret")
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        assertThat(row("rsr-a").legacySecretHash)
                .as("rotation leaves no bcrypt hash")
                .isNull();
        assertThat(secrets.isCurrent("rsr-a", old)).isFalse();
        assertThat(secrets.isCurrent("rsr-a", renewed)).isTrue();

        makeLegacy("rsr-a", renewed);
        asAdmin().post("/api/v1/receivers/rsr-a/revoke").then().statusCode(200);
        Receiver revoked = row("rsr-a");
        assertThat(revoked.legacySecretHash).isNull();
        assertThat(revoked.brokerHash).isNull();
        assertThat(secrets.isCurrent("rsr-a", renewed)).isFalse();
    }

    @Test
    void shouldLetALegacyReceiverInOverHttpOnceWithItsSecretAndRehashIt() {
        Fixtures.area("RSH", "COMMUNE", null);
        String secret = Fixtures.receiver("rsh-a", "RSH", List.of("vie"));
        makeLegacy("rsh-a", secret);

        time("rsh-a", secret + "x").then().statusCode(401);
        assertThat(row("rsh-a").brokerHash).isNull();
        time("rsh-a", secret).then().statusCode(200);
        assertThat(row("rsh-a").legacySecretHash).isNull();
        assertThat(passwords.matchesBrokerHash(secret, row("rsh-a").brokerHash)).isTrue();
        time("rsh-a", secret).then().statusCode(200);

        String renewed = asAdmin()
                .post("/api/v1/receivers/rsh-a/secret")
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        time("rsh-a", secret).then().statusCode(401);
        time("rsh-a", renewed).then().statusCode(200);
        asAdmin().post("/api/v1/receivers/rsh-a/revoke").then().statusCode(200);
        time("rsh-a", renewed).then().statusCode(401);
    }

    /** Puts the receiver back as it was before PBKDF2 hashes were checked: a bcrypt hash of its secret only. */
    private String makeLegacy(String receiverId, String secret) {
        String bcrypt = passwords.hash(secret);
        QuarkusTransaction.requiringNew()
                .run(() ->
                        receivers.update("brokerHash = null, legacySecretHash = ?1 where id = ?2", bcrypt, receiverId));
        return bcrypt;
    }

    private Receiver row(String receiverId) {
        return QuarkusTransaction.requiringNew().call(() -> receivers.findById(receiverId));
    }

    private static io.restassured.response.Response time(String receiverId, String secret) {
        return given().auth().preemptive().basic(receiverId, secret).get("/api/v1/time");
    }
}
