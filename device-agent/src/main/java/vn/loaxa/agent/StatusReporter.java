package vn.loaxa.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.loaxa.agent.mqtt.MqttTransport;
import vn.loaxa.agent.protocol.EventType;
import vn.loaxa.agent.protocol.Heartbeat;
import vn.loaxa.agent.protocol.LiveReport;
import vn.loaxa.agent.protocol.Schemas;
import vn.loaxa.agent.protocol.Status;
import vn.loaxa.agent.store.AudioCache;
import vn.loaxa.agent.store.OutputSettings;
import vn.loaxa.agent.time.ClockOffset;

/**
 * What one agent tells the server about itself: an entry's events (through the {@link EventPublisher}), the
 * periodic heartbeat with its health (volume, cache, clock offset, last error, last command) and the retained
 * online and offline status.
 */
final class StatusReporter {

    private static final Logger LOG = Logger.getLogger(StatusReporter.class.getName());
    private static final int QOS = 1;

    private final String receiverId;
    private final Topics topics;
    private final ObjectMapper json;
    private final ClockOffset time;
    private final Instant startedAt;
    private final Duration heartbeatInterval;
    private final OutputSettings output;
    private final AudioCache cache;
    private final EventPublisher events;
    private final MessageCounters counters;
    private final MqttTransport mqtt;
    private volatile boolean stopped;
    private volatile boolean audioOutputOk = true;
    private volatile String lastError;
    private volatile UUID lastCommandId;
    private volatile ScheduledFuture<?> heartbeatTimer;

    StatusReporter(
            String receiverId,
            Topics topics,
            ObjectMapper json,
            ClockOffset time,
            Duration heartbeatInterval,
            OutputSettings output,
            AudioCache cache,
            EventPublisher events,
            MessageCounters counters,
            MqttTransport mqtt) {
        this.receiverId = receiverId;
        this.topics = topics;
        this.json = json;
        this.time = time;
        this.startedAt = time.clock().instant();
        this.heartbeatInterval = heartbeatInterval;
        this.output = output;
        this.cache = cache;
        this.events = events;
        this.counters = counters;
        this.mqtt = mqtt;
    }

    /** Publishes the heartbeat on the lane every interval, the first one after a random part of it. */
    void startHeartbeat(ScheduledExecutorService scheduler, ControlLane lane) {
        long intervalMillis = heartbeatInterval.toMillis();
        try {
            heartbeatTimer = scheduler.scheduleAtFixedRate(
                    () -> lane.run(this::publishHeartbeat),
                    ThreadLocalRandom.current().nextLong(intervalMillis) + 1,
                    intervalMillis,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.fine("agent is shutting down; no heartbeat");
        }
    }

    /** Stops the heartbeat for good. */
    void stop() {
        stopped = true;
        ScheduledFuture<?> heartbeat = heartbeatTimer;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
    }

    /** The health report as it would be published now. */
    Heartbeat heartbeat() {
        Instant now = time.clock().instant();
        return new Heartbeat(
                Schemas.HEARTBEAT,
                receiverId,
                now.truncatedTo(ChronoUnit.MILLIS),
                Agent.version(),
                Duration.between(startedAt, now).toSeconds(),
                output.volume(),
                output.muted(),
                cache.freeBytes(),
                time.measuredMillis().orElse(null),
                audioOutputOk,
                lastError,
                (long) events.pending(),
                events.dropped(),
                counters.droppedTotal(),
                lastCommandId);
    }

    // ---- an entry's events ----

    /** Reports the entry's final event and marks it finished. */
    void finish(ScheduledEntry scheduled, EventType type, String reason) {
        report(scheduled, type, reason, null);
        scheduled.markFinished();
    }

    /** Reports the PLAYED of a live session with how it went, and marks it finished. */
    void finishLive(ScheduledEntry scheduled, LiveReport live) {
        if (scheduled.reportsEvents()) {
            events.record(scheduled.occurrenceId(), EventType.PLAYED, null, null, live);
        }
        scheduled.markFinished();
    }

    /** Reports an event of the entry, stamped {@code at} (null for now); a FAILED one is also the last error. */
    void report(ScheduledEntry scheduled, EventType type, String reason, Instant at) {
        if (type == EventType.FAILED) {
            noteError(scheduled.occurrenceId() + ": " + reason);
        }
        if (scheduled.reportsEvents()) {
            events.record(scheduled.occurrenceId(), type, reason, at);
        }
    }

    /** Reports DOWNLOADED for the entry unless it was reported before. */
    void reportDownloadedOnce(ScheduledEntry scheduled) {
        if (!events.happened(scheduled.occurrenceId(), EventType.DOWNLOADED)) {
            events.record(scheduled.occurrenceId(), EventType.DOWNLOADED, null);
        }
    }

    // ---- health ----

    /** Keeps the error for the next heartbeat, and logs it. */
    void noteError(String error) {
        lastError = error;
        LOG.warning(receiverId + ": " + error);
    }

    /** Whether the audio output worked the last time it was used. */
    void audioOutput(boolean ok) {
        audioOutputOk = ok;
    }

    /** A command was carried out: it is named in a heartbeat sent at once. */
    void commandCarriedOut(UUID commandId) {
        lastCommandId = commandId;
        publishHeartbeat();
    }

    /** A message failed the signature check: it is the last error, reported at once in a heartbeat. */
    void refused(String topic, DropReason reason) {
        lastError = "refused a message on " + topic + ": "
                + reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        publishHeartbeat();
    }

    // ---- publishing ----

    void publishHeartbeat() {
        if (stopped || !mqtt.isConnected()) {
            return;
        }
        try {
            mqtt.publish(
                    topics.heartbeat(receiverId),
                    json.writeValueAsBytes(heartbeat()),
                    QOS,
                    false,
                    Math.max(1, heartbeatInterval.toSeconds()),
                    new MqttTransport.Delivery() {
                        @Override
                        public void delivered() {
                            LOG.finest(() -> receiverId + " heartbeat acknowledged");
                        }

                        @Override
                        public void failed(Throwable cause) {
                            LOG.log(Level.FINE, receiverId + " heartbeat not acknowledged", cause);
                        }
                    });
        } catch (JsonProcessingException e) {
            LOG.log(Level.SEVERE, "cannot serialise the heartbeat", e);
        }
    }

    /** Publishes the retained online status. */
    void publishOnline() {
        Status status =
                Status.online(receiverId, time.clock().instant().truncatedTo(ChronoUnit.MILLIS), Agent.version());
        try {
            mqtt.publish(
                    topics.status(receiverId), json.writeValueAsBytes(status), QOS, true, new MqttTransport.Delivery() {
                        @Override
                        public void delivered() {
                            LOG.fine(() -> receiverId + " status online=" + status.online() + " acknowledged");
                        }

                        @Override
                        public void failed(Throwable cause) {
                            LOG.log(Level.WARNING, receiverId + " status not acknowledged", cause);
                        }
                    });
        } catch (JsonProcessingException e) {
            LOG.log(Level.SEVERE, "cannot serialise status", e);
        }
    }

    /** The retained offline status to publish last, or null if it cannot be serialised. */
    byte[] offlineStatus() {
        try {
            return json.writeValueAsBytes(
                    Status.offline(receiverId, time.clock().instant().truncatedTo(ChronoUnit.MILLIS), Agent.version()));
        } catch (JsonProcessingException e) {
            LOG.log(Level.SEVERE, "cannot serialise the offline status", e);
            return null;
        }
    }

    /** The reason a failed download gives, without the wrapping of its future. */
    static String reasonOf(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
