package vn.loaxa.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.loaxa.agent.live.LiveFrame;
import vn.loaxa.agent.live.LiveFrameException;
import vn.loaxa.agent.live.LivePlayout;
import vn.loaxa.agent.protocol.Ack;
import vn.loaxa.agent.protocol.Areas;
import vn.loaxa.agent.protocol.Command;
import vn.loaxa.agent.protocol.Manifest;
import vn.loaxa.agent.protocol.Schemas;
import vn.loaxa.agent.security.SignatureVerifier;
import vn.loaxa.agent.time.ClockOffset;

/**
 * Checks every incoming message before anything acts on it: that it came on one of this receiver's topics, that its
 * signature holds, that it is JSON of the expected schema, for this receiver, complete, and (for a command) not
 * expired nor carried out before. A message that passes goes to the {@link Recipient}; one that does not is counted
 * in the {@link MessageCounters} by {@link DropReason}, and logged. Live frames are binary and carry their own tag
 * instead of a signature: they go to the playout of their session ({@link #routeLiveFrame}).
 */
final class MessageRouter {

    private static final Logger LOG = Logger.getLogger(MessageRouter.class.getName());
    /** How many command ids are remembered to ignore redeliveries. */
    static final int REMEMBERED_COMMANDS = 256;

    /** Where messages that pass every check go. */
    interface Recipient {
        /** The receiver's own manifest. */
        void manifest(String topic, Manifest manifest);

        /** The manifest of one of the receiver's areas. */
        void areaManifest(String topic, String code, Manifest manifest);

        /** The areas whose manifests the receiver listens to. */
        void areas(String topic, Areas areas);

        /** A command, not expired and not seen before. */
        void command(Command command);

        /** The server has stored these events. */
        void acknowledged(List<UUID> eventIds);

        /** A message failed the signature check (it was already counted as dropped). */
        void refused(String topic, DropReason reason);
    }

    private final String receiverId;
    private final Topics topics;
    private final ObjectMapper json;
    private final ClockOffset time;
    private final SignatureVerifier signatures;
    private final MessageCounters counters;
    private final Supplier<List<String>> areaCodes;
    private final Recipient recipient;
    private final LiveSessions live;
    private final Set<UUID> seenCommands = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > REMEMBERED_COMMANDS;
        }
    });

    /**
     * @param areaCodes the receiver's areas now, whose manifest topics it accepts
     * @param live      the live sessions playing now, whose frames it accepts
     */
    MessageRouter(
            String receiverId,
            Topics topics,
            ObjectMapper json,
            ClockOffset time,
            SignatureVerifier signatures,
            MessageCounters counters,
            Supplier<List<String>> areaCodes,
            Recipient recipient,
            LiveSessions live) {
        this.receiverId = receiverId;
        this.topics = topics;
        this.json = json;
        this.time = time;
        this.signatures = signatures;
        this.counters = counters;
        this.areaCodes = areaCodes;
        this.recipient = recipient;
        this.live = live;
    }

    /** Checks one message and hands it on, or drops it. Runs on the control lane. */
    void route(String topic, byte[] payload, Map<String, String> userProperties) {
        if (topics.isLive(topic)) {
            routeLiveFrame(topic, payload);
            return;
        }
        Optional<String> area = topics.parseAreaManifest(topic);
        Optional<Topics.ReceiverTopic> parsed = topics.parse(topic);
        Topics.Kind kind = parsed.map(Topics.ReceiverTopic::kind).orElse(Topics.Kind.MANIFEST);
        if (area.isPresent()) {
            if (!areaCodes.get().contains(area.get())) {
                drop(DropReason.UNEXPECTED_TOPIC, topic, "not the manifest topic of one of this receiver's areas");
                return;
            }
        } else if (parsed.isEmpty()
                || !parsed.get().receiverId().equals(receiverId)
                || kind != Topics.Kind.MANIFEST
                        && kind != Topics.Kind.CMD
                        && kind != Topics.Kind.AREAS
                        && kind != Topics.Kind.ACK) {
            drop(DropReason.UNEXPECTED_TOPIC, topic, "not this receiver's manifest, command, areas or ack topic");
            return;
        }
        if (payload == null || payload.length == 0) {
            drop(DropReason.EMPTY, topic, "empty payload");
            return;
        }
        if (area.isEmpty() && kind == Topics.Kind.ACK) {
            routeAck(topic, payload, userProperties);
            return;
        }
        boolean isCommand = area.isEmpty() && kind == Topics.Kind.CMD;
        // retained topics may deliver the last accepted message again; a command never
        SignatureVerifier.Verdict verdict = signatures.check(
                topic, payload, userProperties, time.serverNow().toEpochMilli(), !isCommand);
        if (verdict != SignatureVerifier.Verdict.ACCEPTED && verdict != SignatureVerifier.Verdict.REPEATED) {
            refuse(verdict, topic);
            return;
        }
        String expectedSchema = isCommand
                ? Schemas.COMMAND
                : area.isEmpty() && kind == Topics.Kind.AREAS ? Schemas.AREAS : Schemas.MANIFEST;
        JsonNode node;
        try {
            node = json.readTree(payload);
        } catch (IOException | IllegalArgumentException e) {
            drop(DropReason.MALFORMED, topic, "malformed JSON: " + e.getMessage());
            return;
        }
        if (node == null || !node.isObject()) {
            drop(DropReason.MALFORMED, topic, "payload is not a JSON object");
            return;
        }
        String schema = node.path("schema").asText(null);
        if (!expectedSchema.equals(schema)) {
            drop(DropReason.UNKNOWN_SCHEMA, topic, "unknown schema '" + schema + "'");
            return;
        }
        try {
            if (area.isPresent()) {
                routeAreaManifest(topic, area.get(), json.treeToValue(node, Manifest.class));
            } else if (isCommand) {
                routeCommand(topic, json.treeToValue(node, Command.class));
            } else if (kind == Topics.Kind.AREAS) {
                routeAreas(topic, json.treeToValue(node, Areas.class));
            } else {
                routeManifest(topic, json.treeToValue(node, Manifest.class));
            }
        } catch (IOException | IllegalArgumentException e) {
            drop(DropReason.MALFORMED, topic, "malformed " + schema + ": " + e.getMessage());
        }
    }

    private void routeManifest(String topic, Manifest manifest) {
        if (!receiverId.equals(manifest.receiverId())) {
            drop(DropReason.RECEIVER_MISMATCH, topic, "manifest is for receiver '" + manifest.receiverId() + "'");
        } else if (!manifest.isComplete()) {
            drop(DropReason.INCOMPLETE, topic, "manifest lacks version, entries, or an entry's required fields");
        } else {
            recipient.manifest(topic, manifest);
        }
    }

    private void routeAreaManifest(String topic, String code, Manifest manifest) {
        if (!code.equals(manifest.area())) {
            drop(DropReason.RECEIVER_MISMATCH, topic, "manifest is for area '" + manifest.area() + "'");
        } else if (!manifest.isComplete()) {
            drop(DropReason.INCOMPLETE, topic, "manifest lacks version, entries, or an entry's required fields");
        } else {
            recipient.areaManifest(topic, code, manifest);
        }
    }

    private void routeAreas(String topic, Areas update) {
        if (!receiverId.equals(update.receiverId())) {
            drop(DropReason.RECEIVER_MISMATCH, topic, "areas are for receiver '" + update.receiverId() + "'");
        } else if (!update.isComplete()
                || !update.areas().stream()
                        .allMatch(c -> Topics.AREA_CODE.matcher(c).matches())) {
            drop(DropReason.INCOMPLETE, topic, "areas lack a version, or name an invalid area code");
        } else {
            recipient.areas(topic, update);
        }
    }

    private void routeCommand(String topic, Command command) {
        if (!receiverId.equals(command.receiverId())) {
            drop(DropReason.RECEIVER_MISMATCH, topic, "command is for receiver '" + command.receiverId() + "'");
        } else if (!command.isComplete()) {
            drop(DropReason.INCOMPLETE, topic, "command lacks id, type, issuedAt, expiresAt or a valid volume");
        } else if (time.serverNow().isAfter(command.expiresAt())) {
            drop(DropReason.EXPIRED, topic, "command " + command.id() + " expired at " + command.expiresAt());
        } else if (!seenCommands.add(command.id())) {
            drop(DropReason.DUPLICATE, topic, "command " + command.id() + " was already carried out");
        } else {
            recipient.command(command);
        }
    }

    /** The server has stored these events: they leave the outbox (a replayed or repeated ack changes nothing). */
    private void routeAck(String topic, byte[] payload, Map<String, String> userProperties) {
        SignatureVerifier.Verdict verdict = signatures.checkAuthentic(
                topic, payload, userProperties, time.serverNow().toEpochMilli());
        if (verdict != SignatureVerifier.Verdict.ACCEPTED) {
            refuse(verdict, topic);
            return;
        }
        Ack ack;
        try {
            ack = json.readValue(payload, Ack.class);
        } catch (IOException | IllegalArgumentException e) {
            drop(DropReason.MALFORMED, topic, "malformed acknowledgement: " + e.getMessage());
            return;
        }
        if (!Schemas.ACK.equals(ack.schema())) {
            drop(DropReason.UNKNOWN_SCHEMA, topic, "unknown schema '" + ack.schema() + "'");
        } else if (!receiverId.equals(ack.receiverId())) {
            drop(DropReason.RECEIVER_MISMATCH, topic, "acknowledgement is for receiver '" + ack.receiverId() + "'");
        } else if (!ack.isComplete()) {
            drop(DropReason.INCOMPLETE, topic, "acknowledgement lacks eventIds");
        } else {
            recipient.acknowledged(ack.eventIds());
        }
    }

    /**
     * Hands a live frame whose tag matches to the playout of its session, or drops it. Thread-safe and quick (one
     * HMAC), so that it may run on the MQTT thread: frames must reach the jitter buffer in time even while the
     * control lane is busy. Drops are logged at a fine level only: a stream of forged frames would flood the log;
     * the counters (messagesDropped) show them.
     */
    void routeLiveFrame(String topic, byte[] payload) {
        Optional<String> sessionId = topics.parseLive(topic);
        Optional<LivePlayout> playout = sessionId.flatMap(live::playout);
        if (playout.isEmpty()) {
            dropFrame(DropReason.NO_LIVE_SESSION, topic, "no live session of this topic is playing");
            return;
        }
        LiveFrame frame;
        try {
            frame = playout.get().authenticator().open(payload);
        } catch (LiveFrameException e) {
            dropFrame(e.isForged() ? DropReason.FORGED_LIVE_FRAME : DropReason.BAD_LIVE_FRAME, topic, e.getMessage());
            return;
        }
        playout.get().offer(frame);
    }

    private void dropFrame(DropReason reason, String topic, String detail) {
        counters.recordDrop(reason);
        LOG.log(Level.FINE, () -> receiverId + " dropped a live frame on " + topic + " (" + reason + "): " + detail);
    }

    private void refuse(SignatureVerifier.Verdict verdict, String topic) {
        DropReason reason = DropReason.valueOf(verdict.name());
        drop(reason, topic, "signature check failed");
        recipient.refused(topic, reason);
    }

    private void drop(DropReason reason, String topic, String detail) {
        counters.recordDrop(reason);
        LOG.warning(receiverId + " dropped a message on " + topic + " (" + reason + "): " + detail);
    }
}
