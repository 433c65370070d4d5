package vn.loaxa.faults;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.mqttv5.common.MqttException;
import vn.loaxa.support.StackResource;
import vn.loaxa.support.TestMqttClient;

/**
 * Fault 9. First, a receiver's events arrive duplicated, reordered and replayed (published by a test client with
 * the receiver's own credentials): the delivery ends PLAYED with the start and end the events name, counted once.
 * Then, on a Mosquitto run with the shipped configuration (infra/mosquitto/mosquitto.conf, with the password file
 * and ACL the server generates), one receiver's credentials are used on another receiver's topics and client id:
 * nothing it publishes there reaches the server, nothing sent there reaches it, and it cannot take the other's
 * session over.
 */
final class EventAbuse {
    private static final Path SHIPPED_CONFIG = Path.of("infra", "mosquitto", "mosquitto.conf");
    private static final int AUDIO_SECONDS = 4;

    private EventAbuse() {}

    static FaultRow duplicatedReorderedReplayed(FaultStack stack) throws MqttException {
        stack.ensureRunning();
        String bulletin = stack.bulletin(AUDIO_SECONDS);
        Map<String, String> secrets = stack.provision("dup", 1);
        String receiver = secrets.keySet().iterator().next();
        Instant playAt = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        String broadcast = stack.broadcast(bulletin, List.of(receiver), playAt, Duration.ofSeconds(10));
        String occurrence = (String) stack.deliveries(broadcast).get(0).get("occurrenceId");
        Instant end = playAt.plusSeconds(AUDIO_SECONDS);
        List<String> inOrder = List.of(
                event(receiver, occurrence, "DELIVERED", playAt.minusSeconds(7)),
                event(receiver, occurrence, "DOWNLOADED", playAt.minusSeconds(6)),
                event(receiver, occurrence, "PLAYING", playAt),
                event(receiver, occurrence, "PLAYED", end));
        String topic = stack.topicPrefix() + "/v1/rx/" + receiver + "/event";
        Outcome.at(end.plusSeconds(1));
        try (TestMqttClient device = new TestMqttClient(stack.brokerUrl(), receiver, receiver, secrets.get(receiver))) {
            // reordered (last first), each twice
            for (int i = inOrder.size() - 1; i >= 0; i--) {
                device.publish(topic, inOrder.get(i));
                device.publish(topic, inOrder.get(i));
            }
            Instant replay = Instant.now().plusSeconds(10);
            Outcome.at(replay);
            for (String payload : inOrder) {
                device.publish(topic, payload);
            }
        }
        new Outcome(stack).expect(broadcast, List.of(receiver), "PLAYED").awaitExpected(Duration.ofSeconds(30));
        Outcome.at(Instant.now().plusSeconds(3)); // the replay's last messages have been read
        Map<String, Object> row = stack.deliveries(broadcast).get(0);
        List<String> notes = new ArrayList<>();
        int wrong = 0;
        if (!"PLAYED".equals(row.get("state"))) {
            wrong++;
            notes.add(receiver + " holds " + row.get("state"));
        } else if (!sameInstant(row.get("startedAt"), playAt) || !sameInstant(row.get("finishedAt"), end)) {
            wrong++;
            notes.add(receiver + " started " + row.get("startedAt") + ", finished " + row.get("finishedAt")
                    + "; the events say " + playAt + " and " + end);
        }
        long counted = playsCounted(stack, (String) row.get("mediaId"));
        int duplicated = counted > 1 ? (int) (counted - 1) : 0;
        if (duplicated > 0) {
            notes.add("the plays report counts " + counted + " plays of the one delivery");
        } else if (counted == 0 && "PLAYED".equals(row.get("state"))) {
            wrong++;
            notes.add("the plays report does not count the play");
        }
        FaultRow first = new FaultRow(
                "9",
                "events duplicated, reordered and replayed by the receiver (" + stack.brokerLabel() + ")",
                1,
                1,
                "PLAYED".equals(row.get("state")) ? 1 : 0,
                0,
                duplicated,
                wrong,
                notes);
        FaultTable.add(first);
        return first;
    }

    /**
     * The plays the report counts for the audio the receiver was sent (the bulletin's variant; this fault's bulletin
     * is used by nothing else).
     */
    private static long playsCounted(FaultStack stack, String media) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Map<String, Object>> lines = stack.admin()
                .queryParam("from", today.minusDays(1).toString())
                .queryParam("to", today.plusDays(1).toString())
                .queryParam("area", FaultStack.AREA)
                .get("/api/v1/reports/plays")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("byContent");
        return lines.stream()
                .filter(line -> media.equals(line.get("key")))
                .mapToLong(line -> ((Number) line.get("plays")).longValue())
                .sum();
    }

    static FaultRow credentialsAgainstAnotherReceiver(FaultStack stack) throws Exception {
        stack.ensureRunning();
        Map<String, String> a = stack.provision("ida", 1);
        Map<String, String> b = stack.provision("idb", 1);
        String idA = a.keySet().iterator().next();
        String idB = b.keySet().iterator().next();
        Path dir = stack.dir().resolve("shipped-mosquitto");
        Files.createDirectories(dir);
        Path passwd = dir.resolve("passwd");
        Path acl = dir.resolve("acl");
        Files.writeString(
                passwd,
                stack.admin()
                        .get("/api/v1/broker/mosquitto/passwd")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        Files.writeString(
                acl,
                stack.admin()
                        .get("/api/v1/broker/mosquitto/acl")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        int port = StackResource.freePort();
        List<String> breaches = new ArrayList<>();
        try (OwnMosquitto shipped =
                OwnMosquitto.withConfig(dir, port, shippedConfig(Files.readString(SHIPPED_CONFIG), passwd, acl, dir))) {
            String url = shipped.url();
            String prefix = stack.topicPrefix() + "/v1/rx/";
            try (TestMqttClient server = new TestMqttClient(url);
                    TestMqttClient victim = new TestMqttClient(url, idB, idB, b.get(idB));
                    TestMqttClient intruder = new TestMqttClient(url, idA, idA, a.get(idA))) {
                server.subscribe(prefix + "+/event");
                victim.subscribe(prefix + idB + "/manifest");
                intruder.subscribe(prefix + idB + "/manifest");
                intruder.publishForReasonCode(prefix + idB + "/event", "forged by " + idA);
                intruder.publishForReasonCode(prefix + idA + "/event", "own event of " + idA);
                server.publish(prefix + idB + "/manifest", "for " + idB);
                awaitQuietly(
                        () -> server.received().stream().anyMatch(m -> m.text().startsWith("own"))
                                && !victim.received().isEmpty());
                if (server.received().stream().anyMatch(m -> m.text().startsWith("forged"))) {
                    breaches.add(idA + " published on " + idB + "'s event topic and the server received it");
                }
                if (intruder.received().stream().anyMatch(m -> m.text().equals("for " + idB))) {
                    breaches.add(idA + " received a message sent to " + idB);
                }
                if (takeOver(url, idB, idA, a.get(idA), victim)) {
                    breaches.add(idA + "'s credentials took over " + idB + "'s client id (" + idB + " disconnected)");
                }
            }
        }
        FaultRow row = new FaultRow(
                "9",
                "a receiver's credentials on another's topics and client id " + "(shipped Mosquitto config)",
                2,
                0,
                0,
                0,
                0,
                breaches.size(),
                breaches);
        FaultTable.add(row);
        return row;
    }

    /** Connects with A's credentials and B's client id; true if that cut B's connection. */
    private static boolean takeOver(String url, String victimId, String user, String secret, TestMqttClient victim) {
        try (TestMqttClient thief = new TestMqttClient(url, victimId, user, secret)) {
            Outcome.at(Instant.now().plusSeconds(2));
            return !victim.isConnected() && thief.isConnected();
        } catch (MqttException refused) {
            Outcome.at(Instant.now().plusSeconds(2));
            return !victim.isConnected();
        }
    }

    /**
     * The shipped configuration on a free port of 127.0.0.1, with this run's files: the TLS listener (which needs
     * certificates) is left out, every other line is kept.
     */
    static String shippedConfig(String shipped, Path passwd, Path acl, Path dir) {
        StringBuilder config = new StringBuilder();
        boolean tlsBlock = false;
        for (String line : shipped.split("\n", -1)) {
            String trimmed = line.trim();
            if (tlsBlock) {
                tlsBlock = !trimmed.isEmpty();
                continue;
            }
            if (trimmed.startsWith("listener ") && !trimmed.startsWith("listener 1883")) {
                tlsBlock = true;
            } else if (trimmed.startsWith("listener 1883")) {
                config.append("listener %PORT% 127.0.0.1\n");
            } else if (trimmed.startsWith("password_file ")) {
                config.append("password_file ").append(passwd).append('\n');
            } else if (trimmed.startsWith("acl_file ")) {
                config.append("acl_file ").append(acl).append('\n');
            } else if (trimmed.startsWith("persistence_location ")) {
                config.append("persistence_location ").append(dir).append("/\n");
            } else if (!trimmed.startsWith("user ")) {
                config.append(line).append('\n');
            }
        }
        return config.toString();
    }

    private static void awaitQuietly(Callable<Boolean> condition) {
        try {
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(condition);
        } catch (ConditionTimeoutException e) {
            System.out.println("fault 9: not every expected message arrived within 10 s");
        }
    }

    private static boolean sameInstant(Object stored, Instant expected) {
        return stored != null
                && OffsetDateTime.parse((String) stored).toInstant().equals(expected);
    }

    private static String event(String receiver, String occurrence, String type, Instant at) {
        String id = UUID.nameUUIDFromBytes((occurrence + "/" + receiver + "/" + type).getBytes(StandardCharsets.UTF_8))
                .toString();
        return """
                {"schema":"loaxa.event/1","id":"%s","receiverId":"%s","occurrenceId":"%s","event":"%s","at":"%s"}""".formatted(id, receiver, occurrence, type, at);
    }
}
