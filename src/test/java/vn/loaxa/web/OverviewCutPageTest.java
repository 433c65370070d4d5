package vn.loaxa.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.filter.cookie.CookieFilter;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.receiver.service.ReceiverPresence;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.FormLogin;

/**
 * A fleet larger than {@code loaxa.ui.overview-rows}, as the overview page renders it: the table cut to the limit
 * with the receivers that went offline last first, the alerts capped with a line that counts the rest.
 */
@QuarkusTest
@TestProfile(OverviewCutPageTest.ThreeRows.class)
class OverviewCutPageTest {
    private static final int RECEIVERS = 25;

    public static class ThreeRows implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("loaxa.ui.overview-rows", "3");
        }
    }

    @Inject
    ReceiverPresence presence;

    @Test
    void shouldShowTheReceiversThatWentOfflineLastAndCountTheOthers() {
        Fixtures.area("CUT", "COMMUNE", null);
        // later than anything else in the shared test database, one second apart
        OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1);
        for (int i = 0; i < RECEIVERS; i++) {
            String id = "cut-rx-%02d".formatted(i);
            Fixtures.receiver(id, "CUT", List.of("vie"));
            presence.recordStatus(id, true, base.plusSeconds(2L * i), null, null);
            presence.recordStatus(id, false, base.plusSeconds(2L * i + 1), null, null);
        }
        CookieFilter session = FormLogin.asAdmin();

        given().filter(session)
                .get("/")
                .then()
                .statusCode(200)
                .body(containsString("id=\"receivers-shown\""))
                .body(containsString("Đang hiện 3 trong"))
                .body(containsString("id=\"offline-more\""))
                .body(containsString("cụm thu khác mất kết nối"))
                .body(containsString("data-receiver=\"cut-rx-24\""))
                .body(containsString("data-receiver=\"cut-rx-05\""))
                .body(not(containsString("data-receiver=\"cut-rx-04\"")))
                .body(not(containsString("cut-rx-00")));
    }
}
