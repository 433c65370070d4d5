package vn.loaxa.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.support.ServerDiagnostics;

/** The README's run command in small: the demo slice of Lạng Sơn, its receivers played by a real agent, one account per role. */
@QuarkusTest
@TestProfile(DemoModeTest.Demo.class)
class DemoModeTest {

    public static class Demo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("loaxa.demo.enabled", "true");
        }
    }

    @Test
    void shouldSeedTheLangSonSliceWithLiveReceiversAndAnAccountPerRole() {
        for (var receiver : DemoSeed.RECEIVERS) {
            await(receiver.id() + " online")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(asAdmin()
                                    .get("/api/v1/receivers/" + receiver.id())
                                    .<Boolean>path("online"))
                            .as(ServerDiagnostics::inbound)
                            .isTrue());
        }
        JsonPath accounts = asAdmin()
                .get("/api/v1/accounts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(accounts.getList("findAll { it.username != 'admin' }", Map.class))
                .extracting(a -> a.get("username"), a -> a.get("role"), a -> a.get("areaCode"))
                .containsExactlyInAnyOrder(DemoSeed.ACCOUNTS.stream()
                        .map(a -> tuple(a.username(), a.role(), a.areaCode()))
                        .toArray(org.assertj.core.groups.Tuple[]::new));
        for (var outline : DemoSeed.OUTLINES) {
            assertThat(asAdmin()
                            .get("/api/v1/areas/" + outline.areaCode() + "/outline")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString())
                    .startsWith("{\"type\":\"Polygon\"");
        }
        for (var receiver : DemoSeed.RECEIVERS) {
            assertThat(asAdmin().get("/api/v1/receivers/" + receiver.id()).<String>path("areaCode"))
                    .isEqualTo(receiver.areaCode());
        }
    }
}
