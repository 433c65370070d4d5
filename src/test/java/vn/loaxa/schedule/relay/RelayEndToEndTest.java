package vn.loaxa.schedule.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static vn.loaxa.support.Api.asAdmin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.EndToEndFixture;
import vn.loaxa.support.EnglishErrors;
import vn.loaxa.support.Fixtures;

/**
 * Relay (tiếp sóng): a real agent plays a live MP3 stream that the test serves itself for the broadcast's window and
 * reports PLAYED; an unreachable stream reports FAILED; a host outside the allow-list is refused.
 */
@ExtendWith(EnglishErrors.class)
@QuarkusTest
class RelayEndToEndTest {
    @Inject
    EndToEndFixture e2e;

    @Test
    void shouldRefuseAStreamHostOutsideTheAllowList() {
        Fixtures.area("RLX", "COMMUNE", null);
        Fixtures.receiver("rlx-rx-1", "RLX", List.of("vie"));
        relayRequest(
                        "http://stream.example.org/live.mp3",
                        "rlx-rx-1",
                        OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5),
                        "PT30M")
                .post("/api/v1/broadcasts")
                .then()
                .statusCode(422)
                .body("detail", containsString("allow-list"));
    }

    @Test
    void shouldPlayALocallyServedStreamForItsWindowAndFailAnUnreachableOne() throws Exception {
        Map<String, String> secrets = e2e.commune("RLY", "rly-rx-1");
        byte[] mp3 = sineMp3(Files.createTempFile("relay", ".mp3"), 2.0);
        try (LiveStream stream = new LiveStream(mp3, 8_000);
                AgentProcess agent = e2e.onlineAgent("relay-agent", secrets)) {

            String relay = relayRequest(
                            stream.url(),
                            "rly-rx-1",
                            OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(4),
                            "PT5S")
                    .post("/api/v1/broadcasts")
                    .then()
                    .statusCode(201)
                    .body("relayUrl", equalTo(stream.url()))
                    .body("title", equalTo("VOV4 Tày–Nùng (thử)"))
                    .extract()
                    .path("id");
            await("relay played for its window")
                    .atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(e2e.deliveries(relay).getString("deliveries[0].state"))
                            .as(agent.log())
                            .isEqualTo("PLAYED"));
            JsonPath played = e2e.deliveries(relay);
            assertThat(Duration.between(
                            OffsetDateTime.parse(played.getString("deliveries[0].startedAt")),
                            OffsetDateTime.parse(played.getString("deliveries[0].finishedAt"))))
                    .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(7));

            String down = relayRequest(
                            "http://127.0.0.1:9/live.mp3",
                            "rly-rx-1",
                            OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3),
                            "PT1M")
                    .post("/api/v1/broadcasts")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            await("unreachable relay failed").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonPath report = e2e.deliveries(down);
                assertThat(report.getString("deliveries[0].state"))
                        .as(agent.log())
                        .isEqualTo("FAILED");
                assertThat(report.getString("deliveries[0].reason")).contains("cannot open the relay stream");
            });
        }
    }

    private static io.restassured.specification.RequestSpecification relayRequest(
            String url, String receiverId, OffsetDateTime startAt, String window) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "startAt",
                        startAt.toString(),
                        "relay",
                        Map.of("url", url, "title", "VOV4 Tày–Nùng (thử)", "window", window),
                        "targets",
                        Map.of("receivers", List.of(receiverId))));
    }

    private static byte[] sineMp3(Path file, double seconds) throws Exception {
        int rate = 48_000;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 1)) {
            recorder.setFormat("mp3");
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_MP3);
            recorder.setSampleRate(rate);
            recorder.setAudioChannels(1);
            recorder.setAudioBitrate(64_000);
            recorder.start();
            short[] samples = new short[(int) (rate * seconds)];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) (0.3 * Short.MAX_VALUE * Math.sin(2 * Math.PI * 440 * i / rate));
            }
            recorder.recordSamples(rate, 1, ShortBuffer.wrap(samples));
            recorder.stop();
        }
        return Files.readAllBytes(file);
    }

    /** An Icecast-like live stream: one MP3 file repeated without end, paced at about its bitrate. */
    private static final class LiveStream implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService executor = Executors.newCachedThreadPool();
        private final byte[] loop;
        private final int bytesPerSecond;

        LiveStream(byte[] loop, int bytesPerSecond) throws IOException {
            this.loop = loop;
            this.bytesPerSecond = bytesPerSecond;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/live.mp3", this::stream);
            server.setExecutor(executor);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/live.mp3";
        }

        private void stream(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "audio/mpeg");
            exchange.sendResponseHeaders(200, 0);
            long started = System.nanoTime();
            long sent = 0;
            try (OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    out.write(loop);
                    out.flush();
                    sent += loop.length;
                    long ahead = started + sent * 1_000_000_000L / bytesPerSecond - System.nanoTime();
                    if (ahead > 1_000_000_000L) {
                        Thread.sleep((ahead - 1_000_000_000L) / 1_000_000L);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the listener hung up
            } finally {
                exchange.close();
            }
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
