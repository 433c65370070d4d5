package vn.loaxa.dispatch.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.delivery.model.LiveCounts;
import vn.loaxa.delivery.service.EventBatcher;
import vn.loaxa.delivery.service.EventIngestService;
import vn.loaxa.delivery.service.IncomingEvent;
import vn.loaxa.dispatch.protocol.AgentEvent;
import vn.loaxa.dispatch.protocol.CatchUpMessage;
import vn.loaxa.dispatch.protocol.HeartbeatMessage;
import vn.loaxa.dispatch.protocol.StatusMessage;
import vn.loaxa.dispatch.service.CatchUpService;
import vn.loaxa.receiver.api.ReceiverHealth;
import vn.loaxa.receiver.service.Presence;
import vn.loaxa.receiver.service.PresenceBatcher;

/** Validates every message from receivers and hands it to the service that stores it, or drops it. */
@ApplicationScoped
public class InboundMessages {
    private static final Logger LOG = Logger.getLogger(InboundMessages.class);

    private final ReceiverRateLimit rateLimit;
    private final ObjectMapper json;
    /** Events are the bulk of inbound traffic: a reader bound once skips the per-call deserializer lookup. */
    private final ObjectReader eventReader;

    private final Topics topics;
    private final MqttConfig config;
    private final MqttDrops drops;
    private final EventBatcher events;
    private final PresenceBatcher presence;
    private final CatchUpService catchUp;

    public InboundMessages(
            ObjectMapper json,
            MqttConfig config,
            MqttDrops drops,
            EventBatcher events,
            PresenceBatcher presence,
            CatchUpService catchUp) {
        this.catchUp = catchUp;
        this.json = json;
        this.eventReader = json.readerFor(AgentEvent.class);
        this.topics = new Topics(config.topicPrefix());
        this.rateLimit =
                new ReceiverRateLimit(config.receiverRatePerSecond(), config.receiverBurst(), System::nanoTime);
        this.config = config;
        this.drops = drops;
        this.events = events;
        this.presence = presence;
    }

    public void handle(String topic, byte[] payload) {
        try {
            Optional<Topics.Address> address = topics.parse(topic);
            if (address.isEmpty()) {
                drops.drop("bad-topic", topic, "not a loaxa receiver topic");
            } else if (!rateLimit.tryAcquire(address.get().receiverId())) {
                drops.dropQuietly(
                        "rate-limited",
                        address.get().receiverId(),
                        topic,
                        "receiver "
                                + address.get().receiverId() + " sends more than " + config.receiverRatePerSecond()
                                + " messages a second");
            } else if (payload.length > config.maxInboundPayloadBytes()) {
                drops.drop("too-large", topic, payload.length + " bytes");
            } else if (payload.length == 0) {
                // an empty retained message only clears the topic
                LOG.debugf("Retained message cleared on %s", topic);
            } else {
                switch (address.get().kind()) {
                    case EVENT -> handleEvent(topic, address.get().receiverId(), payload);
                    case STATUS -> handleStatus(topic, address.get().receiverId(), payload);
                    case HEARTBEAT -> handleHeartbeat(topic, address.get().receiverId(), payload);
                    case CATCHUP -> handleCatchUp(topic, address.get().receiverId(), payload);
                    case MANIFEST -> drops.drop("unexpected", topic, "manifests flow from the server only");
                    case COMMAND, AREAS, ACK -> drops.drop("unexpected", topic, "flows from the server only");
                }
            }
        } catch (RuntimeException e) {
            drops.drop("error", topic, e.toString());
        }
    }

    private void handleEvent(String topic, String receiverId, byte[] payload) {
        AgentEvent event;
        try {
            event = eventReader.readValue(payload);
        } catch (Exception e) {
            drops.drop("malformed", topic, shortMessage(e));
            return;
        }
        if (!AgentEvent.SCHEMA.equals(event.schema())) {
            drops.drop("schema", topic, "schema '" + event.schema() + "' is not " + AgentEvent.SCHEMA);
            return;
        }
        if (!receiverId.equals(event.receiverId())) {
            drops.drop("receiver-mismatch", topic, "payload names receiver '" + event.receiverId() + "'");
            return;
        }
        Optional<DeliveryState> state = eventState(event.event());
        Optional<UUID> occurrenceId = uuid(event.occurrenceId());
        if (state.isEmpty() || occurrenceId.isEmpty() || event.at() == null) {
            drops.drop("invalid", topic, "event, occurrenceId and at are required and must be valid");
            return;
        }
        String reason = event.reason() == null ? null : truncate(event.reason(), 1000);
        AgentEvent.LiveStats live = event.live();
        events.submit(
                new IncomingEvent(
                        AgentEvent.idFor(event.occurrenceId(), receiverId, event.event()),
                        occurrenceId.get(),
                        receiverId,
                        state.get(),
                        event.at().atOffset(ZoneOffset.UTC),
                        reason,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        live == null
                                ? null
                                : new LiveCounts(
                                        live.framesPlayed(), live.framesLate(), live.framesLost(), live.joins())),
                (stored, outcome) -> {
                    if (outcome == EventIngestService.Outcome.UNKNOWN_DELIVERY) {
                        drops.drop(
                                "unknown-delivery",
                                topic,
                                "occurrence " + stored.occurrenceId() + " was not sent to " + receiverId);
                    }
                });
    }

    private void handleStatus(String topic, String receiverId, byte[] payload) {
        StatusMessage status;
        try {
            status = json.readValue(payload, StatusMessage.class);
        } catch (Exception e) {
            drops.drop("malformed", topic, shortMessage(e));
            return;
        }
        if (!StatusMessage.SCHEMA.equals(status.schema()) || status.online() == null) {
            drops.drop("schema", topic, "not a " + StatusMessage.SCHEMA + " message with 'online'");
            return;
        }
        if (!receiverId.equals(status.receiverId())) {
            drops.drop("receiver-mismatch", topic, "payload names receiver '" + status.receiverId() + "'");
            return;
        }
        // Presence follows the server's receive order (one inbound thread): the agent's clock, which may be off and
        // which a Last Will lacks, is only information.
        OffsetDateTime receivedAt = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime reportedAt = status.at() == null ? null : status.at().atOffset(ZoneOffset.UTC);
        String version = status.agentVersion() == null ? null : truncate(status.agentVersion(), 32);
        submitPresence(topic, new Presence.Status(receiverId, status.online(), receivedAt, reportedAt, version));
    }

    private void handleHeartbeat(String topic, String receiverId, byte[] payload) {
        HeartbeatMessage heartbeat;
        try {
            heartbeat = json.readValue(payload, HeartbeatMessage.class);
        } catch (Exception e) {
            drops.drop("malformed", topic, shortMessage(e));
            return;
        }
        if (!HeartbeatMessage.SCHEMA.equals(heartbeat.schema()) || heartbeat.at() == null) {
            drops.drop("schema", topic, "not a " + HeartbeatMessage.SCHEMA + " message with 'at'");
            return;
        }
        if (!receiverId.equals(heartbeat.receiverId())) {
            drops.drop("receiver-mismatch", topic, "payload names receiver '" + heartbeat.receiverId() + "'");
            return;
        }
        ReceiverHealth health = new ReceiverHealth(
                heartbeat.at().atOffset(ZoneOffset.UTC),
                heartbeat.uptimeSeconds(),
                heartbeat.volume(),
                heartbeat.muted(),
                heartbeat.freeCacheBytes(),
                heartbeat.clockOffsetMs(),
                heartbeat.audioOutputOk(),
                heartbeat.lastError() == null ? null : truncate(heartbeat.lastError(), 1000),
                heartbeat.outboxPending(),
                heartbeat.outboxDropped());
        String version = heartbeat.agentVersion() == null ? null : truncate(heartbeat.agentVersion(), 32);
        submitPresence(topic, new Presence.Heartbeat(receiverId, version, health, OffsetDateTime.now(ZoneOffset.UTC)));
    }

    private void submitPresence(String topic, Presence report) {
        boolean taken = presence.submit(
                report,
                unknown -> drops.drop("unknown-receiver", topic, "no receiver '" + unknown + "' is registered"));
        if (!taken) {
            drops.dropQuietly("overloaded", "presence-queue", topic, "the presence queue is full");
        }
    }

    /** Hands a well-formed request to the catch-up workers; the receiver's existence is checked there. */
    private void handleCatchUp(String topic, String receiverId, byte[] payload) {
        CatchUpMessage request;
        try {
            request = json.readValue(payload, CatchUpMessage.class);
        } catch (Exception e) {
            drops.drop("malformed", topic, shortMessage(e));
            return;
        }
        if (!CatchUpMessage.SCHEMA.equals(request.schema())) {
            drops.drop("schema", topic, "schema '" + request.schema() + "' is not " + CatchUpMessage.SCHEMA);
            return;
        }
        if (!receiverId.equals(request.receiverId())) {
            drops.drop("receiver-mismatch", topic, "payload names receiver '" + request.receiverId() + "'");
            return;
        }
        if (!request.knownAreas().stream().allMatch(Topics::isValidAreaCode)) {
            drops.drop("invalid", topic, "areas must be valid area codes");
            return;
        }
        switch (catchUp.request(topic, receiverId, request)) {
            case THROTTLED ->
                drops.dropQuietly(
                        "catchup-throttled",
                        receiverId,
                        topic,
                        "receiver " + receiverId + " asks to catch up too often");
            case OVERLOADED -> drops.dropQuietly("overloaded", "catchup-queue", topic, "the catch-up queue is full");
            case QUEUED -> LOG.debugf("Catch-up request of %s queued", receiverId);
        }
    }

    private static Optional<DeliveryState> eventState(String name) {
        try {
            DeliveryState state = DeliveryState.valueOf(name);
            return state == DeliveryState.SCHEDULED || state == DeliveryState.CANCELLED
                    ? Optional.empty()
                    : Optional.of(state);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String shortMessage(Exception e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return truncate(String.valueOf(message), 200);
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
