package vn.loaxa.dispatch.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.dispatch.api.CommandRequest;
import vn.loaxa.dispatch.api.CommandType;
import vn.loaxa.dispatch.mqtt.MqttGateway;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.dispatch.protocol.CommandMessage;
import vn.loaxa.receiver.service.ReceiverService;

/**
 * Publishes remote commands on a receiver's command topic: QoS 1, not retained, with an MQTT 5 message expiry equal
 * to the command's own, so a receiver that comes back after the expiry never gets it.
 */
@ApplicationScoped
public class CommandService {
    /** Not an operator's command: the server's answer to a catch-up request. */
    static final String CAUGHT_UP = "CAUGHT_UP";

    private static final Duration CAUGHT_UP_EXPIRY = Duration.ofSeconds(30);
    private final ReceiverService receivers;
    private final MqttGateway mqtt;
    private final ObjectMapper json;
    private final CommandConfig config;

    public CommandService(ReceiverService receivers, MqttGateway mqtt, ObjectMapper json, CommandConfig config) {
        this.receivers = receivers;
        this.mqtt = mqtt;
        this.json = json;
        this.config = config;
    }

    /** Sends the command and returns it as published. */
    public CommandMessage send(String receiverId, CommandRequest request) {
        receivers.requireExists(receiverId);
        if (request.type() == CommandType.SET_VOLUME && request.volume() == null) {
            throw new InvalidRequestException("volume", ErrorMessage.of("command.volume"));
        }
        Duration ttl = request.ttlSeconds() == null ? config.defaultTtl() : Duration.ofSeconds(request.ttlSeconds());
        Integer volume = request.type() == CommandType.SET_VOLUME ? request.volume() : null;
        return publish(receiverId, request.type().name(), volume, ttl);
    }

    /**
     * Tells the receiver that its catch-up request was answered (docs/protocol.md, "Catch-up"), so that it stops
     * asking; expires with the request it answers.
     */
    public void caughtUp(String receiverId) {
        publish(receiverId, CAUGHT_UP, null, CAUGHT_UP_EXPIRY);
    }

    private CommandMessage publish(String receiverId, String type, Integer volume, Duration ttl) {
        Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CommandMessage command = new CommandMessage(
                CommandMessage.SCHEMA, UUID.randomUUID(), receiverId, type, volume, issuedAt, issuedAt.plus(ttl), null);
        try {
            mqtt.publish(
                    mqtt.topics().receiver(receiverId, Topics.Kind.COMMAND),
                    json.writeValueAsBytes(command),
                    false,
                    ttl.toSeconds());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a command for " + receiverId, e);
        }
        return command;
    }
}
