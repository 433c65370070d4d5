package vn.loaxa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.Api;
import vn.loaxa.support.EndToEndFixture;
import vn.loaxa.support.FfmpegLiveSource;

/**
 * Live sessions from the command-line source (FFmpeg, as docs/operations.md says) on a real agent: a PRIORITY live
 * interrupts a NORMAL programme that is playing, which resumes after it; an EMERGENCY live interrupts a PRIORITY
 * live, which then rejoins at the live point.
 */
@QuarkusTest
class LivePreemptionEndToEndTest {
    /** 2 s of 60 ms frames: more than the join margin and the playout delay together, so the first is due and heard. */
    private static final long MEETING_HEARD_FRAMES = 34;

    @Inject
    EndToEndFixture e2e;

    @TestHTTPResource("/")
    URL server;

    @Test
    void shouldInterruptANormalProgrammeWhichResumesAfterTheLiveSession() throws Exception {
        Map<String, String> secrets = e2e.commune("LPN", "lpn-rx");
        try (AgentProcess agent = e2e.onlineAgent("live-preempt-agent", secrets)) {
            String programme = e2e.toneBulletin("Chương trình ca nhạc", 20, 440, 0.2, "NORMAL");
            String normal = e2e.broadcast(Map.of(
                            "bulletinId",
                            programme,
                            "startAt",
                            OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(5).toString(),
                            "onPreempt",
                            "RESUME",
                            "targets",
                            Map.of("receivers", List.of("lpn-rx"))))
                    .getString("id");
            awaitState(normal, "PLAYING", agent);

            JsonPath live = start("Thông báo cắt điện", "lpn-rx", "PRIORITY");
            try (FfmpegLiveSource source = FfmpegLiveSource.start(
                    server, live.getString("audioPath"), Api.ADMIN, Api.ADMIN_PASSWORD, 5, 660)) {
                source.awaitEnd(60);
            }
            String liveBroadcast = live.getString("broadcastId");
            awaitState(liveBroadcast, "PLAYED", agent);
            assertThat(e2e.deliveries(liveBroadcast).getInt("deliveries[0].live.framesPlayed"))
                    .as("5 s of 60 ms frames from the console source")
                    .isGreaterThan(66);
            awaitState(normal, "PLAYED", agent);
            assertThat(playedAt(normal))
                    .as("the programme ends after the live session that interrupted it")
                    .isAfter(playedAt(liveBroadcast));
        }
    }

    @Test
    void shouldLetAnEmergencyLiveInterruptAPriorityLiveWhichRejoinsAfterIt() throws Exception {
        Map<String, String> secrets = e2e.commune("LPE", "lpe-rx");
        try (AgentProcess agent = e2e.onlineAgent("live-emergency-agent", secrets)) {
            JsonPath priority = start("Họp thôn", "lpe-rx", "PRIORITY");
            String emergencyBroadcast;
            try (FfmpegLiveSource meeting = FfmpegLiveSource.start(
                    server, priority.getString("audioPath"), Api.ADMIN, Api.ADMIN_PASSWORD, 14, 440)) {
                awaitState(priority.getString("broadcastId"), "PLAYING", agent);
                // PLAYING comes as the agent starts the entry, before the first frame is due; the meeting must be
                // heard (joined) before the emergency interrupts it, or there is nothing to rejoin
                awaitFramesReceived(priority.getString("id"), MEETING_HEARD_FRAMES);

                JsonPath emergency = start("Lũ quét", "lpe-rx", "EMERGENCY");
                try (FfmpegLiveSource warning = FfmpegLiveSource.start(
                        server, emergency.getString("audioPath"), Api.ADMIN, Api.ADMIN_PASSWORD, 3, 880)) {
                    warning.awaitEnd(60);
                }
                emergencyBroadcast = emergency.getString("broadcastId");
                awaitState(emergencyBroadcast, "PLAYED", agent);
                meeting.awaitEnd(60);
            }
            awaitState(priority.getString("broadcastId"), "PLAYED", agent);
            JsonPath report = e2e.deliveries(priority.getString("broadcastId"));
            assertThat(report.getInt("deliveries[0].live.joins"))
                    .as("the meeting was left for the emergency and joined again")
                    .isEqualTo(2);
            assertThat(playedAt(priority.getString("broadcastId"))).isAfter(playedAt(emergencyBroadcast));
        }
    }

    private JsonPath start(String title, String receiver, String priority) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of("title", title, "targets", Map.of("receivers", List.of(receiver)), "priority", priority))
                .post("/api/v1/live")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private void awaitFramesReceived(String sessionId, long frames) {
        await("frames of session " + sessionId)
                .atMost(Duration.ofSeconds(30))
                .until(() -> asAdmin()
                                .get("/api/v1/live/" + sessionId)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getLong("framesReceived")
                        >= frames);
    }

    private void awaitState(String broadcastId, String state, AgentProcess agent) {
        await(state + " on " + broadcastId)
                .atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(e2e.deliveries(broadcastId).getString("deliveries[0].state"))
                        .as(agent.log())
                        .isEqualTo(state));
    }

    private OffsetDateTime playedAt(String broadcastId) {
        UUID occurrence = UUID.fromString(e2e.deliveries(broadcastId).getString("deliveries[0].occurrenceId"));
        return e2e.events(occurrence, DeliveryState.PLAYED).get(0).occurredAt;
    }
}
