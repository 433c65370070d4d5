package vn.loaxa.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.loaxa.agent.config.Registration;
import vn.loaxa.agent.protocol.Json;

/** Against a stand-in for the server's {@code /api/v1/receivers}, answering as ReceiverResource does. */
class ReceiverRegistrarTest {

    private static final String BASIC =
            "Basic " + Base64.getEncoder().encodeToString("admin:pw".getBytes(StandardCharsets.UTF_8));

    private final ObjectMapper json = Json.newMapper();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/loaxa/api/v1/receivers", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void shouldRegisterEachReceiverInTheAreaAndKeepTheSecretTheServerIssued() throws Exception {
        Map<String, String> secrets = registrar(new Registration(base(), "xa-an-phu", "admin", "pw", null))
                .register(List.of("sim-00001", "sim-00002", "sim-00003"));

        assertThat(secrets)
                .containsExactly(
                        Map.entry("sim-00001", "issued-sim-00001"),
                        Map.entry("sim-00002", "issued-sim-00002"),
                        Map.entry("sim-00003", "issued-sim-00003"));
        assertThat(requests)
                .containsExactlyInAnyOrder(
                        "POST /loaxa/api/v1/receivers sim-00001 xa-an-phu",
                        "POST /loaxa/api/v1/receivers sim-00002 xa-an-phu",
                        "POST /loaxa/api/v1/receivers sim-00003 xa-an-phu");
    }

    @Test
    void shouldIssueANewSecretToAReceiverRegisteredByAnEarlierRun() throws Exception {
        registered.add("sim-00002");

        Map<String, String> secrets = registrar(new Registration(base(), "xa-an-phu", "admin", "pw", null))
                .register(List.of("sim-00001", "sim-00002"));

        assertThat(secrets)
                .containsEntry("sim-00001", "issued-sim-00001")
                .containsEntry("sim-00002", "rotated-sim-00002");
        assertThat(requests).contains("POST /loaxa/api/v1/receivers/sim-00002/secret");
    }

    @Test
    void shouldFailWithTheServersAnswerWhenTheLoginIsRefused() {
        ReceiverRegistrar registrar = registrar(new Registration(base(), "xa-an-phu", null, null, "lxa_wrong"));

        assertThatThrownBy(() -> registrar.register(List.of("sim-00001")))
                .isInstanceOf(ReceiverRegistrar.RegistrationException.class)
                .hasMessageContaining("HTTP 401");
    }

    private ReceiverRegistrar registrar(Registration registration) {
        return new ReceiverRegistrar(HttpClient.newHttpClient(), json, registration);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/loaxa/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!BASIC.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{\"title\":\"Unauthorized\"}");
            return;
        }
        if (path.endsWith("/secret")) {
            requests.add("POST " + path);
            String id = path.split("/")[5];
            answer(exchange, 200, json.writeValueAsString(Map.of("receiverId", id, "secret", "rotated-" + id)));
            return;
        }
        JsonNode body = json.readTree(exchange.getRequestBody());
        String id = body.get("id").asText();
        requests.add("POST " + path + " " + id + " " + body.get("areaCode").asText());
        if (!registered.add(id)) {
            answer(exchange, 409, "{\"title\":\"taken\"}");
            return;
        }
        answer(
                exchange,
                201,
                json.writeValueAsString(Map.of("id", id, "areaCode", "xa-an-phu", "secret", "issued-" + id)));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
