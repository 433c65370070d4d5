package vn.loaxa.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;
import vn.loaxa.agent.config.Registration;

/**
 * Registers a simulated fleet's receivers on the server with {@code POST /api/v1/receivers}, one request per receiver
 * (the server has no bulk call), and keeps the secret each answer carries. A receiver already registered (409, from an
 * earlier run) is given a new secret with {@code POST /api/v1/receivers/{id}/secret}; its old one stops working.
 */
public final class ReceiverRegistrar {

    private static final Logger LOG = Logger.getLogger(ReceiverRegistrar.class.getName());
    /** Requests in flight at once: each costs the server two password hashes. */
    public static final int PARALLEL_REQUESTS = 8;
    /** How long one request may take. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final String RECEIVERS = "/api/v1/receivers";
    private static final int CREATED = 201;
    private static final int OK = 200;
    private static final int CONFLICT = 409;

    /** The server refused a registration, or could not be reached. */
    public static final class RegistrationException extends Exception {
        private static final long serialVersionUID = 1L;

        RegistrationException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpClient http;
    private final ObjectMapper json;
    private final Registration registration;

    public ReceiverRegistrar(HttpClient http, ObjectMapper json, Registration registration) {
        this.http = http;
        this.json = json;
        this.registration = registration;
    }

    /**
     * Registers these receivers in the registration's area.
     *
     * @return each receiver id with the secret the server issued, in the order given
     */
    public Map<String, String> register(List<String> receiverIds) throws RegistrationException {
        Semaphore slots = new Semaphore(PARALLEL_REQUESTS);
        List<CompletableFuture<String>> secrets = new ArrayList<>(receiverIds.size());
        try {
            for (String id : receiverIds) {
                slots.acquire();
                CompletableFuture<String> secret = provision(id);
                var unused = secret.whenComplete((value, failure) -> slots.release());
                secrets.add(secret);
            }
            Map<String, String> issued = new LinkedHashMap<>();
            for (int i = 0; i < receiverIds.size(); i++) {
                issued.put(receiverIds.get(i), secrets.get(i).join());
            }
            LOG.info(() -> "registered " + issued.size() + " receivers in area " + registration.areaCode() + " on "
                    + registration.serverUrl());
            return issued;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistrationException("interrupted while registering receivers", e);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new RegistrationException(
                    "cannot register receivers on " + registration.serverUrl() + ": " + cause.getMessage(), cause);
        }
    }

    private CompletableFuture<String> provision(String id) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(
                    Map.of("id", id, "displayName", "Simulated receiver " + id, "areaCode", registration.areaCode()));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        HttpRequest request = request(RECEIVERS)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
            if (response.statusCode() == CREATED) {
                return CompletableFuture.completedFuture(secretOf(response, id));
            }
            if (response.statusCode() == CONFLICT) {
                return rotate(id);
            }
            return CompletableFuture.failedFuture(refused("register " + id, response));
        });
    }

    private CompletableFuture<String> rotate(String id) {
        HttpRequest request = request(RECEIVERS + "/" + id + "/secret")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != OK) {
                throw refused("issue a new secret to " + id, response);
            }
            return secretOf(response, id);
        });
    }

    private HttpRequest.Builder request(String path) {
        String base = registration.serverUrl().toString().replaceAll("/+$", "");
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (registration.token() != null) {
            return builder.header("Authorization", "Bearer " + registration.token());
        }
        String login = registration.user() + ":" + registration.password();
        return builder.header(
                "Authorization", "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
    }

    private String secretOf(HttpResponse<String> response, String id) {
        try {
            JsonNode secret = json.readTree(response.body()).get("secret");
            if (secret == null || !secret.isTextual() || secret.asText().isEmpty()) {
                throw new IllegalStateException("the server's answer for " + id + " carries no secret");
            }
            return secret.asText();
        } catch (IOException e) {
            throw new IllegalStateException("the server's answer for " + id + " is not JSON", e);
        }
    }

    private static IllegalStateException refused(String what, HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        return new IllegalStateException("cannot " + what + ": HTTP " + response.statusCode() + " "
                + body.substring(0, Math.min(body.length(), 300)));
    }
}
