package vn.loaxa.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.mqttv5.common.MqttException;
import vn.loaxa.agent.config.AgentConfig;
import vn.loaxa.agent.download.AudioDownloader;
import vn.loaxa.agent.download.AudioFetcher;
import vn.loaxa.agent.download.RetryPolicy;
import vn.loaxa.agent.download.Sha256;
import vn.loaxa.agent.mqtt.MqttLink;
import vn.loaxa.agent.mqtt.MqttSettings;
import vn.loaxa.agent.playback.AudioPlayer;
import vn.loaxa.agent.playback.PlaybackException;
import vn.loaxa.agent.playback.Sink;
import vn.loaxa.agent.protocol.AgentEvent;
import vn.loaxa.agent.protocol.EventType;
import vn.loaxa.agent.protocol.Manifest;
import vn.loaxa.agent.protocol.ManifestEntry;
import vn.loaxa.agent.protocol.Schemas;
import vn.loaxa.agent.protocol.Status;
import vn.loaxa.agent.store.EntryJournal;
import vn.loaxa.agent.store.ManifestStore;
import vn.loaxa.agent.store.Outbox;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One receiver's agent: holds its schedule, downloads and verifies audio, plays each entry at its UTC instant
 * and reports every step. Manifest handling runs on a serial control lane and playback on a serial playback lane,
 * both over the shared {@link AgentExecutors}; so one entry plays at a time and overlapping entries queue.
 */
public final class Agent implements MqttLink.Listener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Agent.class.getName());
    /** Version reported when the agent does not run from its packaged jar. */
    public static final String DEVELOPMENT_VERSION = "0.1.0-SNAPSHOT";
    /** A play timer that fires earlier than this before {@code playAt} (wall clock adjusted) is re-armed. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMillis(5);
    /** How long a clean shutdown waits for the offline status to be acknowledged. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);
    private static final int QOS = 1;

    private final AgentConfig config;
    private final String receiverId;
    private final Topics topics;
    private final ObjectMapper json;
    private final Clock clock;
    private final AgentExecutors executors;
    private final Executor control;
    private final Executor playbackLane;
    private final ManifestStore manifestStore;
    private final EntryJournal journal;
    private final AudioFetcher fetcher;
    private final AudioPlayer player;
    private final MqttLink mqtt;
    private final EventPublisher events;
    private final MessageCounters counters = new MessageCounters();
    private final Map<String, ScheduledEntry> entries = new ConcurrentHashMap<>();
    private volatile Long currentVersion;
    private volatile boolean closed;

    /**
     * @param config      one receiver's configuration (not a fleet)
     * @param executors   the pools shared by all agents in the JVM
     * @param sink        where this agent's audio goes
     * @param http        the HTTP client shared by all agents
     * @param retryPolicy how downloads are retried
     * @param json        the protocol's JSON mapper
     * @param clock       the UTC clock
     */
    public Agent(AgentConfig config, AgentExecutors executors, Sink sink, HttpClient http, RetryPolicy retryPolicy,
                 ObjectMapper json, Clock clock) throws IOException, MqttException {
        if (config.isFleet() || config.receiverId() == null || config.secret() == null) {
            throw new IllegalArgumentException("an agent needs one receiver id and secret, not a fleet");
        }
        this.config = config;
        this.receiverId = config.receiverId();
        this.topics = new Topics(config.topicPrefix());
        this.json = json;
        this.clock = clock;
        this.executors = executors;
        this.control = new SerialExecutor(executors.control(), receiverId + "-control");
        this.playbackLane = new SerialExecutor(executors.playback(), receiverId + "-playback");
        Path cacheDir = Files.createDirectories(config.cacheDir());
        this.manifestStore = new ManifestStore(cacheDir, json);
        this.journal = new EntryJournal(cacheDir);
        this.fetcher = new AudioFetcher(new AudioDownloader(http, cacheDir, receiverId, config.secret()), retryPolicy,
                executors.downloads(), executors.scheduler(), clock);
        this.player = new AudioPlayer(sink);
        MqttSettings settings = new MqttSettings(config.mqttUrl(), receiverId, config.secret(),
                topics.status(receiverId), json.writeValueAsBytes(Status.will(receiverId)),
                config.willDelaySeconds());
        this.mqtt = new MqttLink(settings, this, executors.scheduler());
        this.events = new EventPublisher(receiverId, topics.event(receiverId), journal,
                new Outbox(cacheDir, json), json, clock, mqtt, control);
    }

    /** The version reported in the online status. */
    public static String version() {
        return Optional.ofNullable(Agent.class.getPackage().getImplementationVersion()).orElse(DEVELOPMENT_VERSION);
    }

    /** Reloads the stored manifest and starts connecting to the broker. Returns at once. */
    public void start() {
        LOG.info(() -> "starting " + config);
        control.execute(this::restoreStoredManifest);
        mqtt.start();
    }

    public String receiverId() {
        return receiverId;
    }

    /** Counts of dropped and ignored messages. */
    public MessageCounters counters() {
        return counters;
    }

    /** The version of the manifest the agent holds, if any. */
    public OptionalLong manifestVersion() {
        Long version = currentVersion;
        return version == null ? OptionalLong.empty() : OptionalLong.of(version);
    }

    /** True while connected to the broker. */
    public boolean isConnected() {
        return mqtt.isConnected();
    }

    // ---- MQTT callbacks: never block, hand the work to the control lane ----

    @Override
    public void onConnected(boolean reconnect) {
        LOG.info(() -> receiverId + (reconnect ? " reconnected" : " connected") + "; subscribing to "
                + topics.manifest(receiverId));
        mqtt.subscribe(topics.manifest(receiverId), QOS);
        publishStatus(Status.online(receiverId, clock.instant().truncatedTo(ChronoUnit.MILLIS), version()));
        control.execute(() -> events.flush(true));
    }

    @Override
    public void onMessage(String topic, byte[] payload) {
        try {
            control.execute(() -> handleMessage(topic, payload));
        } catch (RejectedExecutionException e) {
            LOG.fine("agent is shutting down; message on " + topic + " not handled");
        }
    }

    // ---- manifest handling (control lane) ----

    private void restoreStoredManifest() {
        manifestStore.load()
                .filter(manifest -> receiverId.equals(manifest.receiverId()))
                .ifPresent(manifest -> {
                    LOG.info(() -> receiverId + " restoring stored manifest version " + manifest.version());
                    apply(manifest);
                });
    }

    private void handleMessage(String topic, byte[] payload) {
        Optional<Topics.ReceiverTopic> parsed = topics.parse(topic);
        if (parsed.isEmpty() || parsed.get().kind() != Topics.Kind.MANIFEST
                || !parsed.get().receiverId().equals(receiverId)) {
            drop(DropReason.UNEXPECTED_TOPIC, topic, "not this receiver's manifest topic");
            return;
        }
        if (payload == null || payload.length == 0) {
            drop(DropReason.EMPTY, topic, "empty payload");
            return;
        }
        Manifest manifest;
        try {
            JsonNode node = json.readTree(payload);
            if (node == null || !node.isObject()) {
                drop(DropReason.MALFORMED, topic, "payload is not a JSON object");
                return;
            }
            String schema = node.path("schema").asText(null);
            if (!Schemas.MANIFEST.equals(schema)) {
                drop(DropReason.UNKNOWN_SCHEMA, topic, "unknown schema '" + schema + "'");
                return;
            }
            manifest = json.treeToValue(node, Manifest.class);
        } catch (IOException | IllegalArgumentException e) {
            drop(DropReason.MALFORMED, topic, "malformed JSON: " + e.getMessage());
            return;
        }
        if (!receiverId.equals(manifest.receiverId())) {
            drop(DropReason.RECEIVER_MISMATCH, topic, "manifest is for receiver '" + manifest.receiverId() + "'");
            return;
        }
        if (!manifest.isComplete()) {
            drop(DropReason.INCOMPLETE, topic, "manifest lacks version, entries, or an entry's required fields");
            return;
        }
        Long held = currentVersion;
        if (held != null && manifest.version() <= held) {
            counters.recordStale();
            LOG.info(() -> receiverId + " ignoring manifest version " + manifest.version()
                    + ", not newer than " + held);
            return;
        }
        try {
            manifestStore.save(manifest);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot store manifest version " + manifest.version()
                    + "; applying it anyway", e);
        }
        counters.recordAccepted();
        apply(manifest);
    }

    private void drop(DropReason reason, String topic, String detail) {
        counters.recordDrop(reason);
        LOG.warning(receiverId + " dropped a message on " + topic + " (" + reason + "): " + detail);
    }

    private void apply(Manifest manifest) {
        currentVersion = manifest.version();
        Map<String, ManifestEntry> incoming = new LinkedHashMap<>();
        for (ManifestEntry entry : manifest.entries()) {
            incoming.put(entry.occurrenceId(), entry);
        }
        LOG.info(() -> receiverId + " applying manifest version " + manifest.version() + " with "
                + incoming.size() + " entries");

        for (ScheduledEntry existing : entries.values()) {
            if (!incoming.containsKey(existing.occurrenceId())) {
                LOG.info(() -> receiverId + " cancelling " + existing.occurrenceId()
                        + ": it is not in manifest version " + manifest.version());
                existing.cancel("the entry was removed by manifest version " + manifest.version());
                entries.remove(existing.occurrenceId());
            }
        }
        for (ManifestEntry entry : incoming.values()) {
            ScheduledEntry existing = entries.get(entry.occurrenceId());
            if (existing != null) {
                if (existing.entry().equals(entry) || existing.isStarted() || existing.isFinished()) {
                    continue;
                }
                existing.cancel("the entry was changed by manifest version " + manifest.version());
            }
            ScheduledEntry scheduled = new ScheduledEntry(entry);
            entries.put(entry.occurrenceId(), scheduled);
            activate(scheduled);
        }
        pruneJournal(incoming.keySet());
    }

    private void activate(ScheduledEntry scheduled) {
        String occurrenceId = scheduled.occurrenceId();
        ManifestEntry entry = scheduled.entry();
        if (events.happened(occurrenceId, EventType.PLAYED) || events.happened(occurrenceId, EventType.FAILED)
                || events.happened(occurrenceId, EventType.MISSED)) {
            scheduled.markFinished();
            return;
        }
        if (events.happened(occurrenceId, EventType.PLAYING)) {
            events.record(occurrenceId, EventType.FAILED,
                    "playback was interrupted: the agent stopped while it was playing");
            scheduled.markFinished();
            return;
        }
        events.record(occurrenceId, EventType.DELIVERED, null);
        if (clock.instant().isAfter(entry.expiresAt())) {
            events.record(occurrenceId, EventType.MISSED, null);
            scheduled.markFinished();
            return;
        }
        boolean late = !clock.instant().isBefore(entry.playAt());
        CompletableFuture<Path> audio = fetcher.fetch(entry.audio(), late ? entry.expiresAt() : entry.playAt());
        scheduled.audio(audio);
        audio.whenComplete((path, error) -> runOnControl(() -> onAudioSettled(scheduled, error)));
        if (late) {
            // Received after playAt (agent was offline or restarted): play as soon as the audio is ready,
            // as long as expiresAt has not passed by then.
            audio.thenRun(() -> armTimer(scheduled));
        } else {
            armTimer(scheduled);
        }
    }

    private void onAudioSettled(ScheduledEntry scheduled, Throwable error) {
        if (scheduled.isCancelled() || scheduled.isFinished()) {
            return;
        }
        if (error != null) {
            events.record(scheduled.occurrenceId(), EventType.FAILED, reasonOf(error));
            scheduled.markFinished();
            return;
        }
        if (!scheduled.isStarted()) {
            events.record(scheduled.occurrenceId(), EventType.DOWNLOADED, null);
        }
    }

    private void pruneJournal(Set<String> occurrenceIds) {
        Set<UUID> keep = new HashSet<>();
        for (String occurrenceId : occurrenceIds) {
            for (EventType type : EventType.values()) {
                keep.add(AgentEvent.idFor(occurrenceId, receiverId, type));
            }
        }
        // Entries cancelled a moment ago may still be finishing on the playback lane; their markers go next time.
        for (ScheduledEntry scheduled : entries.values()) {
            for (EventType type : EventType.values()) {
                keep.add(AgentEvent.idFor(scheduled.occurrenceId(), receiverId, type));
            }
        }
        journal.retainOnly(keep);
    }

    // ---- timing (timer threads) ----

    private void armTimer(ScheduledEntry scheduled) {
        long delayNanos = Math.max(0, Duration.between(clock.instant(), scheduled.entry().playAt()).toNanos());
        try {
            scheduled.timer(executors.scheduler().schedule(() -> onPlayTime(scheduled), delayNanos,
                    TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            LOG.fine("agent is shutting down; " + scheduled.occurrenceId() + " not scheduled");
        }
    }

    private void onPlayTime(ScheduledEntry scheduled) {
        if (scheduled.isCancelled() || scheduled.isFinished()) {
            return;
        }
        Duration early = Duration.between(clock.instant(), scheduled.entry().playAt());
        if (early.compareTo(CLOCK_TOLERANCE) > 0) {
            armTimer(scheduled);
            return;
        }
        playbackLane.execute(() -> play(scheduled));
    }

    // ---- playback (playback lane) ----

    private void play(ScheduledEntry scheduled) {
        if (scheduled.isCancelled() || scheduled.isFinished()) {
            return;
        }
        String occurrenceId = scheduled.occurrenceId();
        ManifestEntry entry = scheduled.entry();
        if (clock.instant().isAfter(entry.expiresAt())) {
            finish(scheduled, EventType.MISSED, null);
            return;
        }
        Optional<Path> file = verifiedAudio(scheduled);
        if (file.isEmpty()) {
            return;
        }
        events.record(occurrenceId, EventType.PLAYING, null);
        scheduled.markStarted();
        try {
            AudioPlayer.Outcome outcome = player.play(file.get(), scheduled::isCancelled);
            if (outcome == AudioPlayer.Outcome.COMPLETED) {
                finish(scheduled, EventType.PLAYED, null);
            } else {
                String why = scheduled.cancelledBy() != null ? scheduled.cancelledBy() : "the agent shut down";
                finish(scheduled, EventType.FAILED, "playback stopped before the end: " + why);
            }
        } catch (PlaybackException e) {
            finish(scheduled, EventType.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected playback error for " + occurrenceId, e);
            finish(scheduled, EventType.FAILED, "unexpected playback error: " + e);
        }
    }

    /** The cached audio if it is downloaded and still matches its SHA-256; otherwise reports FAILED. */
    private Optional<Path> verifiedAudio(ScheduledEntry scheduled) {
        ManifestEntry entry = scheduled.entry();
        CompletableFuture<Path> audio = scheduled.audio();
        if (audio == null || !audio.isDone()) {
            finish(scheduled, EventType.FAILED, "the audio was not downloaded by the play time " + entry.playAt()
                    + " (still downloading " + entry.audio().url() + ")");
            return Optional.empty();
        }
        if (audio.isCompletedExceptionally()) {
            String reason = audio.handle((path, error) -> reasonOf(error)).join();
            finish(scheduled, EventType.FAILED, reason);
            return Optional.empty();
        }
        Path file = audio.join();
        String expected = entry.audio().sha256();
        try {
            if (Sha256.matches(file, expected)) {
                return Optional.of(file);
            }
            Files.deleteIfExists(file);
            finish(scheduled, EventType.FAILED, "the cached audio no longer matched its sha256 "
                    + Sha256.abbreviate(expected) + " at play time; it was deleted and not played");
        } catch (IOException e) {
            finish(scheduled, EventType.FAILED, "cannot read the cached audio " + file + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    private void finish(ScheduledEntry scheduled, EventType type, String reason) {
        events.record(scheduled.occurrenceId(), type, reason);
        scheduled.markFinished();
    }

    // ---- status and shutdown ----

    private void publishStatus(Status status) {
        try {
            mqtt.publish(topics.status(receiverId), json.writeValueAsBytes(status), QOS, true,
                    new MqttLink.Delivery() {
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

    /** Cancels every timer, stops playback, publishes a retained offline status and disconnects. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info(() -> receiverId + " shutting down");
        for (ScheduledEntry scheduled : entries.values()) {
            scheduled.cancel("the agent shut down");
        }
        byte[] offline = null;
        try {
            offline = json.writeValueAsBytes(Status.offline(receiverId,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS), version()));
        } catch (JsonProcessingException e) {
            LOG.log(Level.SEVERE, "cannot serialise the offline status", e);
        }
        mqtt.close(topics.status(receiverId), offline, SHUTDOWN_TIMEOUT);
    }

    private void runOnControl(Runnable task) {
        try {
            control.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.fine("agent is shutting down; task dropped");
        }
    }

    private static String reasonOf(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
