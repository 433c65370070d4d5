package vn.loaxa.schedule.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5545 §3.8.5.3 examples and daylight-saving cases, through the preview API. */
@QuarkusTest
class BroadcastPreviewTest {
    private static final String NEW_YORK = "America/New_York";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Daily for 10 occurrences | 1997-09-02T09:00:00-04:00 | FREQ=DAILY;COUNT=10 | 10 | "
                        + "1997-09-02T09:00,1997-09-03T09:00,1997-09-04T09:00,1997-09-05T09:00,1997-09-06T09:00,"
                        + "1997-09-07T09:00,1997-09-08T09:00,1997-09-09T09:00,1997-09-10T09:00,1997-09-11T09:00",
                "Every other day, forever | 1997-09-02T09:00:00-04:00 | FREQ=DAILY;INTERVAL=2 | 4 | "
                        + "1997-09-02T09:00,1997-09-04T09:00,1997-09-06T09:00,1997-09-08T09:00",
                "Every 10 days, 5 occurrences | 1997-09-02T09:00:00-04:00 | FREQ=DAILY;INTERVAL=10;COUNT=5 | 10 | "
                        + "1997-09-02T09:00,1997-09-12T09:00,1997-09-22T09:00,1997-10-02T09:00,1997-10-12T09:00",
                "Weekly for 10 occurrences | 1997-09-02T09:00:00-04:00 | FREQ=WEEKLY;COUNT=10 | 20 | "
                        + "1997-09-02T09:00,1997-09-09T09:00,1997-09-16T09:00,1997-09-23T09:00,1997-09-30T09:00,"
                        + "1997-10-07T09:00,1997-10-14T09:00,1997-10-21T09:00,1997-10-28T09:00,1997-11-04T09:00",
                "Monthly on the first Friday for 10 occurrences | 1997-09-05T09:00:00-04:00 | FREQ=MONTHLY;COUNT=10;BYDAY=1FR | 10 | "
                        + "1997-09-05T09:00,1997-10-03T09:00,1997-11-07T09:00,1997-12-05T09:00,1998-01-02T09:00,"
                        + "1998-02-06T09:00,1998-03-06T09:00,1998-04-03T09:00,1998-05-01T09:00,1998-06-05T09:00",
                "Every other week on Monday, Wednesday and Friday until 24 December 1997 | 1997-09-01T09:00:00-04:00 | "
                        + "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR | 100 | "
                        + "1997-09-01T09:00,1997-09-03T09:00,1997-09-05T09:00,1997-09-15T09:00,1997-09-17T09:00,"
                        + "1997-09-19T09:00,1997-09-29T09:00,1997-10-01T09:00,1997-10-03T09:00,1997-10-13T09:00,"
                        + "1997-10-15T09:00,1997-10-17T09:00,1997-10-27T09:00,1997-10-29T09:00,1997-10-31T09:00,"
                        + "1997-11-10T09:00,1997-11-12T09:00,1997-11-14T09:00,1997-11-24T09:00,1997-11-26T09:00,"
                        + "1997-11-28T09:00,1997-12-08T09:00,1997-12-10T09:00,1997-12-12T09:00,1997-12-22T09:00",
                "Every 8 weeks on Tuesday, 3 occurrences | 1997-09-02T09:00:00-04:00 | FREQ=WEEKLY;INTERVAL=8;COUNT=3 | 10 | "
                        + "1997-09-02T09:00,1997-10-28T09:00,1997-12-23T09:00"
            })
    void shouldExpandTheRfc5545Examples(String name, String startAt, String rrule, int count, String expectedLocal) {
        JsonPath preview = preview(startAt, NEW_YORK, rrule, List.of(), count);

        assertThat(preview.getList("occurrences.localTime", String.class))
                .containsExactly(withSeconds(expectedLocal.strip().split(",")));
    }

    @Test
    void shouldKeepTheLocalTimeAcrossTheEndOfDaylightSavingTime() {
        JsonPath preview = preview("1997-10-24T09:00:00-04:00", NEW_YORK, "FREQ=DAILY;COUNT=4", List.of(), 10);

        assertThat(preview.getList("occurrences.utcTime", String.class))
                .containsExactly(
                        "1997-10-24T13:00:00Z", "1997-10-25T13:00:00Z", "1997-10-26T14:00:00Z", "1997-10-27T14:00:00Z");
        assertThat(preview.getList("occurrences.utcOffset", String.class))
                .containsExactly("-04:00", "-04:00", "-05:00", "-05:00");
    }

    @Test
    void shouldKeepEightOClockInBerlinAcrossTheSpringTransition() {
        JsonPath preview = preview("2026-03-27T08:00:00+01:00", "Europe/Berlin", "FREQ=DAILY;COUNT=4", List.of(), 10);

        assertThat(preview.getList("occurrences.localTime", String.class))
                .containsExactly(
                        withSeconds("2026-03-27T08:00", "2026-03-28T08:00", "2026-03-29T08:00", "2026-03-30T08:00"));
        assertThat(preview.getList("occurrences.utcTime", String.class))
                .containsExactly(
                        "2026-03-27T07:00:00Z", "2026-03-28T07:00:00Z", "2026-03-29T06:00:00Z", "2026-03-30T06:00:00Z");
    }

    @Test
    void shouldAirOnceOnTheDayWhoseLocalTimeFallsInTheSpringGap() {
        JsonPath preview = preview("2026-03-28T02:30:00+01:00", "Europe/Berlin", "FREQ=DAILY;COUNT=3", List.of(), 10);

        List<String> utc = preview.getList("occurrences.utcTime", String.class);
        assertThat(utc).hasSize(3);
        // 02:30 does not exist on 29 March; RFC 5545 reads it with the offset before the gap: 01:30Z (03:30 CEST)
        assertThat(utc.get(1)).isEqualTo("2026-03-29T01:30:00Z");
    }

    @Test
    void shouldAirOnceOnTheDayWhoseLocalTimeRepeatsInAutumn() {
        JsonPath preview = preview("2026-10-24T02:30:00+02:00", "Europe/Berlin", "FREQ=DAILY;COUNT=3", List.of(), 10);

        assertThat(preview.getList("occurrences.utcTime", String.class))
                .containsExactly("2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z");
    }

    @Test
    void shouldLeaveOutExceptionDates() {
        JsonPath preview = preview(
                "2026-12-01T06:00:00+07:00",
                "Asia/Ho_Chi_Minh",
                "FREQ=DAILY;COUNT=5",
                List.of("2026-12-03T06:00:00"),
                10);

        assertThat(preview.getList("occurrences.localTime", String.class))
                .containsExactly(
                        withSeconds("2026-12-01T06:00", "2026-12-02T06:00", "2026-12-04T06:00", "2026-12-05T06:00"));
        assertThat(preview.getString("occurrences[0].utcTime")).isEqualTo("2026-11-30T23:00:00Z");
    }

    @Test
    void shouldRejectAnInvalidRuleAndZone() {
        post(request("2026-12-01T06:00:00+07:00", "Asia/Ho_Chi_Minh", "FREQ=FORTNIGHTLY", List.of(), 5))
                .statusCode(422)
                .body("errors[0].field", equalTo("recurrence.rrule"));
        post(request("2026-12-01T06:00:00+07:00", "Mars/Olympus", "FREQ=DAILY", List.of(), 5))
                .statusCode(422)
                .body("errors[0].field", equalTo("timeZone"));
        post(request("2026-12-01T06:00:00+07:00", "Asia/Ho_Chi_Minh", "FREQ=SECONDLY", List.of(), 5))
                .statusCode(422);
    }

    private static String[] withSeconds(String... localTimes) {
        return java.util.Arrays.stream(localTimes).map(t -> t + ":00").toArray(String[]::new);
    }

    private static JsonPath preview(String startAt, String zone, String rrule, List<String> exdates, int count) {
        return post(request(startAt, zone, rrule, exdates, count))
                .statusCode(200)
                .body("timeZone", equalTo(zone))
                .extract()
                .jsonPath();
    }

    private static Map<String, Object> request(
            String startAt, String zone, String rrule, List<String> exdates, int count) {
        Map<String, Object> body = new HashMap<>();
        body.put("startAt", startAt);
        body.put("timeZone", zone);
        body.put("recurrence", Map.of("rrule", rrule, "exdates", exdates));
        body.put("count", count);
        return body;
    }

    private static io.restassured.response.ValidatableResponse post(Map<String, Object> body) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/broadcasts/preview")
                .then();
    }
}
