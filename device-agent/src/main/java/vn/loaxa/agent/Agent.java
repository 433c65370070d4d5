package vn.loaxa.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.mqttv5.common.MqttException;
import vn.loaxa.agent.config.AgentConfig;
import vn.loaxa.agent.config.Tuning;
import vn.loaxa.agent.download.AudioDownloader;
import vn.loaxa.agent.download.AudioFetcher;
import vn.loaxa.agent.download.RetryPolicy;
import vn.loaxa.agent.download.Sha256;
import vn.loaxa.agent.mqtt.MqttLink;
import vn.loaxa.agent.mqtt.MqttSettings;
import vn.loaxa.agent.mqtt.ReconnectBackoff;
import vn.loaxa.agent.playback.AudioPlayer;
import vn.loaxa.agent.security.SignatureVerifier;
import vn.loaxa.agent.playback.PlaybackException;
import vn.loaxa.agent.playback.Sink;
import vn.loaxa.agent.playback.SinkException;
import vn.loaxa.agent.protocol.AgentEvent;
import vn.loaxa.agent.protocol.Ack;
import vn.loaxa.agent.protocol.Areas;
import vn.loaxa.agent.protocol.AudioRef;
import vn.loaxa.agent.protocol.Command;
import vn.loaxa.agent.protocol.EventType;
import vn.loaxa.agent.protocol.Heartbeat;
import vn.loaxa.agent.protocol.Manifest;
import vn.loaxa.agent.protocol.ManifestEntry;
import vn.loaxa.agent.protocol.Priority;
import vn.loaxa.agent.protocol.Schemas;
import vn.loaxa.agent.protocol.Status;
import vn.loaxa.agent.store.AudioCache;
import vn.loaxa.agent.store.EntryJournal;
import vn.loaxa.agent.store.ManifestStore;
import vn.loaxa.agent.store.OutputSettings;
import vn.loaxa.agent.store.Outbox;
import vn.loaxa.agent.time.ClockOffset;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * One receiver's agent: holds its schedule, downloads and verifies audio, plays each entry at its UTC instant
 * (server time, through the measured {@link ClockOffset}) and reports every step. Manifest and command handling
 * run on a serial control lane; playback goes through a {@link PlaybackStage}, which plays one entry at a time
 * and lets a higher-priority entry interrupt a lower one.
 */
public final class Agent implements MqttLink.Listener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Agent.class.getName());
    /** Version reported when the agent does not run from its packaged jar. */
    public static final String DEVELOPMENT_VERSION = "0.1.0-SNAPSHOT";
    /** A play timer that fires earlier than this before its target (wall clock adjusted) is re-armed. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMillis(5);
    /**
     * How long before {@code playAt} the entry takes the stage: the audio is verified and opened in this time, so
     * that the first sample leaves at the exact instant.
     */
    static final Duration PREROLL = Duration.ofSeconds(1);
    /** How long a clean shutdown waits for the offline status to be acknowledged. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);
    /** How many command ids are remembered to ignore redeliveries. */
    static final int REMEMBERED_COMMANDS = 256;
    private static final int QOS = 1;
    private static final double FULL_VOLUME = 100.0;

    private final AgentConfig config;
    private final String receiverId;
    private final Topics topics;
    private final ObjectMapper json;
    private final Clock clock;
    private final ClockOffset time;
    private final AgentExecutors executors;
    private final Executor control;
    private final Path cacheDir;
    private final ManifestStore manifestStore;
    private final EntryJournal journal;
    private final AudioFetcher fetcher;
    private final AudioCache cache;
    private final AudioPlayer player;
    private final PlaybackStage stage;
    private final OutputSettings output;
    private final MqttLink mqtt;
    private final EventPublisher events;
    private final MessageCounters counters = new MessageCounters();
    private final SignatureVerifier signatures;
    private final Map<String, ScheduledEntry> entries = new ConcurrentHashMap<>();
    private final Set<UUID> seenCommands = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > REMEMBERED_COMMANDS;
        }
    });
    private final Instant startedAt;
    private volatile Long currentVersion;
    /** The receiver's own manifest and its areas' manifests (by area code); the agent plays their union. */
    private volatile Manifest ownManifest;
    private final Map<String, Manifest> areaManifests = new ConcurrentHashMap<>();
    private volatile Areas areas;
    /** Topics on which a RESYNC accepts the version already held once more. */
    private final Set<String> resyncing = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile boolean audioOutputOk = true;
    private volatile String lastError;
    private volatile UUID lastCommandId;
    private volatile ScheduledFuture<?> heartbeatTimer;

    /** An agent on the local clock, without a measured offset. */
    public Agent(AgentConfig config, AgentExecutors executors, Sink sink, HttpClient http, RetryPolicy retryPolicy,
                 ObjectMapper json, Clock clock) throws IOException, MqttException {
        this(config, executors, sink, http, retryPolicy, json, new ClockOffset(clock));
    }

    /**
     * @param config      one receiver's configuration (not a fleet)
     * @param executors   the pools shared by all agents in the JVM
     * @param sink        where this agent's audio goes
     * @param http        the HTTP client shared by all agents
     * @param retryPolicy how downloads are retried
     * @param json        the protocol's JSON mapper
     * @param time        the local clock and its measured offset from the server, shared by all agents in the JVM
     */
    public Agent(AgentConfig config, AgentExecutors executors, Sink sink, HttpClient http, RetryPolicy retryPolicy,
                 ObjectMapper json, ClockOffset time) throws IOException, MqttException {
        if (config.isFleet() || config.receiverId() == null || config.secret() == null) {
            throw new IllegalArgumentException("an agent needs one receiver id and secret, not a fleet");
        }
        Tuning tuning = config.tuning();
        this.config = config;
        this.receiverId = config.receiverId();
        this.topics = new Topics(config.topicPrefix());
        this.json = json;
        this.time = time;
        this.clock = time.clock();
        this.startedAt = clock.instant();
        this.executors = executors;
        this.control = new SerialExecutor(executors.control(), receiverId + "-control");
        this.cacheDir = Files.createDirectories(config.cacheDir());
        this.manifestStore = new ManifestStore(cacheDir, json);
        this.journal = new EntryJournal(cacheDir);
        this.fetcher = new AudioFetcher(new AudioDownloader(http, cacheDir, receiverId, config.secret()), retryPolicy,
                executors.downloads(), executors.scheduler(), clock);
        this.cache = new AudioCache(cacheDir, tuning.cacheMaxBytes(), clock);
        this.player = new AudioPlayer(sink);
        this.stage = new PlaybackStage(executors.playback(), this::perform);
        this.output = new OutputSettings(cacheDir, json, tuning.volume());
        this.signatures = new SignatureVerifier(config.trustedKeys(), cacheDir);
        MqttSettings settings = new MqttSettings(config.mqttUrl(), receiverId, config.secret(),
                topics.status(receiverId), json.writeValueAsBytes(Status.will(receiverId)),
                config.willDelaySeconds(), ReconnectBackoff.withMaxDelay(tuning.reconnectMaxDelay()));
        this.mqtt = new MqttLink(settings, this, executors.scheduler());
        this.events = new EventPublisher(receiverId, topics.event(receiverId), journal,
                new Outbox(cacheDir, json, tuning.outboxMaxEvents()), json, clock, mqtt, control,
                executors.scheduler(), tuning.flushRatePerSecond(), tuning.flushJitter(), tuning.ackTimeout());
    }

    /** The version reported in the online status. */
    public static String version() {
        return Optional.ofNullable(Agent.class.getPackage().getImplementationVersion()).orElse(DEVELOPMENT_VERSION);
    }

    /** Reloads the stored manifest, starts connecting to the broker and starts the heartbeat. Returns at once. */
    public void start() {
        LOG.info(() -> "starting " + config);
        if (signatures.isDisabled()) {
            LOG.warning(receiverId + " trusts no signing key (trusted-keys): it accepts UNSIGNED manifests and"
                    + " commands. Development only; give it the server's key from GET /api/v1/signing-keys.");
        }
        control.execute(this::restoreStoredManifest);
        events.start();
        mqtt.start();
        long intervalMillis = config.tuning().heartbeatInterval().toMillis();
        try {
            heartbeatTimer = executors.scheduler().scheduleAtFixedRate(() -> runOnControl(this::publishHeartbeat),
                    ThreadLocalRandom.current().nextLong(intervalMillis) + 1, intervalMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.fine("agent is shutting down; no heartbeat");
        }
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

    /** The health report as it would be published now. */
    public Heartbeat heartbeat() {
        return new Heartbeat(Schemas.HEARTBEAT, receiverId, clock.instant().truncatedTo(ChronoUnit.MILLIS), version(),
                Duration.between(startedAt, clock.instant()).toSeconds(), output.volume(), output.muted(),
                cache.freeBytes(), time.measuredMillis().orElse(null), audioOutputOk, lastError,
                (long) events.pending(), events.dropped(), counters.droppedTotal(), lastCommandId);
    }

    // ---- MQTT callbacks: never block, hand the work to the control lane ----

    @Override
    public void onConnected(boolean reconnect) {
        LOG.info(() -> receiverId + (reconnect ? " reconnected" : " connected") + "; subscribing to "
                + topics.manifest(receiverId) + " and " + topics.command(receiverId));
        mqtt.subscribe(topics.manifest(receiverId), QOS);
        mqtt.subscribe(topics.command(receiverId), QOS);
        mqtt.subscribe(topics.areas(receiverId), QOS);
        mqtt.subscribe(topics.ack(receiverId), QOS);
        areaCodes().forEach(code -> mqtt.subscribe(topics.areaManifest(code), QOS));
        publishStatus(Status.online(receiverId, clock.instant().truncatedTo(ChronoUnit.MILLIS), version()));
        runOnControl(events::flushAfterConnect);
        runOnControl(this::publishHeartbeat);
    }

    @Override
    public void onMessage(String topic, byte[] payload, Map<String, String> userProperties) {
        runOnControl(() -> handleMessage(topic, payload, userProperties));
    }

    // ---- incoming messages (control lane) ----

    private List<String> areaCodes() {
        Areas held = areas;
        return held == null ? List.of() : held.areas();
    }

    private void restoreStoredManifest() {
        manifestStore.loadAreas().filter(stored -> receiverId.equals(stored.receiverId())).ifPresent(stored -> {
            areas = stored;
            for (String code : stored.areas()) {
                manifestStore.loadArea(code).filter(m -> code.equals(m.area()))
                        .ifPresent(m -> areaManifests.put(code, m));
                if (mqtt.isConnected()) {
                    mqtt.subscribe(topics.areaManifest(code), QOS);
                }
            }
        });
        manifestStore.load()
                .filter(manifest -> receiverId.equals(manifest.receiverId()))
                .ifPresent(manifest -> {
                    ownManifest = manifest;
                    currentVersion = manifest.version();
                });
        if (ownManifest != null || !areaManifests.isEmpty()) {
            LOG.info(() -> receiverId + " restoring stored manifests: own " + manifestVersion() + ", areas "
                    + areaManifests.keySet());
            apply("the stored manifests");
        }
    }

    private void handleMessage(String topic, byte[] payload, Map<String, String> userProperties) {
        Optional<String> area = topics.parseAreaManifest(topic);
        Optional<Topics.ReceiverTopic> parsed = topics.parse(topic);
        Topics.Kind kind = parsed.map(Topics.ReceiverTopic::kind).orElse(Topics.Kind.MANIFEST);
        if (area.isPresent()) {
            if (!areaCodes().contains(area.get())) {
                drop(DropReason.UNEXPECTED_TOPIC, topic, "not the manifest topic of one of this receiver's areas");
                return;
            }
        } else if (parsed.isEmpty() || !parsed.get().receiverId().equals(receiverId)
                || kind != Topics.Kind.MANIFEST && kind != Topics.Kind.CMD && kind != Topics.Kind.AREAS
                && kind != Topics.Kind.ACK) {
            drop(DropReason.UNEXPECTED_TOPIC, topic, "not this receiver's manifest, command, areas or ack topic");
            return;
        }
        if (payload == null || payload.length == 0) {
            drop(DropReason.EMPTY, topic, "empty payload");
            return;
        }
        if (area.isEmpty() && kind == Topics.Kind.ACK) {
            handleAck(topic, payload, userProperties);
            return;
        }
        boolean isCommand = area.isEmpty() && kind == Topics.Kind.CMD;
        // retained topics may deliver the last accepted message again; a command never
        SignatureVerifier.Verdict verdict = signatures.check(topic, payload, userProperties,
                time.serverNow().toEpochMilli(), !isCommand);
        if (verdict != SignatureVerifier.Verdict.ACCEPTED && verdict != SignatureVerifier.Verdict.REPEATED) {
            refuse(verdict, topic);
            return;
        }
        String expectedSchema = isCommand ? Schemas.COMMAND
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
                handleAreaManifest(topic, area.get(), json.treeToValue(node, Manifest.class));
            } else if (isCommand) {
                handleCommand(topic, json.treeToValue(node, Command.class));
            } else if (kind == Topics.Kind.AREAS) {
                handleAreas(topic, json.treeToValue(node, Areas.class));
            } else {
                handleManifest(topic, json.treeToValue(node, Manifest.class));
            }
        } catch (IOException | IllegalArgumentException e) {
            drop(DropReason.MALFORMED, topic, "malformed " + schema + ": " + e.getMessage());
        }
    }

    private void handleManifest(String topic, Manifest manifest) {
        if (!receiverId.equals(manifest.receiverId())) {
            drop(DropReason.RECEIVER_MISMATCH, topic, "manifest is for receiver '" + manifest.receiverId() + "'");
            return;
        }
        if (!manifest.isComplete()) {
            drop(DropReason.INCOMPLETE, topic, "manifest lacks version, entries, or an entry's required fields");
            return;
        }
        if (!isNewer(topic, manifest.version(), currentVersion)) {
            return;
        }
        try {
            manifestStore.save(manifest);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot store manifest version " + manifest.version()
                    + "; applying it anyway", e);
        }
        counters.recordAccepted();
        ownManifest = manifest;
        currentVersion = manifest.version();
        apply("manifest version " + manifest.version());
    }

    /** An area's manifest: its entries join the receiver's own (which win for the same occurrence). */
    private void handleAreaManifest(String topic, String code, Manifest manifest) {
        if (!code.equals(manifest.area())) {
            drop(DropReason.RECEIVER_MISMATCH, topic, "manifest is for area '" + manifest.area() + "'");
            return;
        }
        if (!manifest.isComplete()) {
            drop(DropReason.INCOMPLETE, topic, "manifest lacks version, entries, or an entry's required fields");
            return;
        }
        Manifest held = areaManifests.get(code);
        if (!isNewer(topic, manifest.version(), held == null ? null : held.version())) {
            return;
        }
        try {
            manifestStore.saveArea(code, manifest);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot store the manifest of area " + code + "; applying it anyway", e);
        }
        counters.recordAccepted();
        areaManifests.put(code, manifest);
        apply("area " + code + " manifest version " + manifest.version());
    }

    /** The server has stored these events: they leave the outbox (a replayed or repeated ack changes nothing). */
    private void handleAck(String topic, byte[] payload, Map<String, String> userProperties) {
        SignatureVerifier.Verdict verdict = signatures.checkAuthentic(topic, payload, userProperties,
                time.serverNow().toEpochMilli());
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
            events.acknowledged(ack.eventIds());
        }
    }

    /** The areas to listen to: subscribes to new area topics, and forgets the entries of areas left. */
    private void handleAreas(String topic, Areas update) {
        if (!receiverId.equals(update.receiverId())) {
            drop(DropReason.RECEIVER_MISMATCH, topic, "areas are for receiver '" + update.receiverId() + "'");
            return;
        }
        if (!update.isComplete() || !update.areas().stream().allMatch(c -> Topics.AREA_CODE.matcher(c).matches())) {
            drop(DropReason.INCOMPLETE, topic, "areas lack a version, or name an invalid area code");
            return;
        }
        Areas held = areas;
        if (!isNewer(topic, update.version(), held == null ? null : held.version())) {
            return;
        }
        try {
            manifestStore.saveAreas(update);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot store the areas; using them anyway", e);
        }
        List<String> before = areaCodes();
        areas = update;
        LOG.info(() -> receiverId + " listens to areas " + update.areas());
        boolean left = false;
        for (String code : before) {
            if (!update.areas().contains(code)) {
                mqtt.unsubscribe(topics.areaManifest(code));
                left |= areaManifests.remove(code) != null;
                try {
                    manifestStore.deleteArea(code);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "cannot delete the stored manifest of area " + code, e);
                }
            }
        }
        for (String code : update.areas()) {
            if (!before.contains(code) && mqtt.isConnected()) {
                mqtt.subscribe(topics.areaManifest(code), QOS);
            }
        }
        if (left) {
            apply("leaving areas " + before.stream().filter(c -> !update.areas().contains(c)).toList());
        }
    }

    /** A version must grow per topic; after RESYNC the version held is accepted once more. */
    private boolean isNewer(String topic, Long version, Long held) {
        boolean resync = held != null && version.equals(held) && resyncing.remove(topic);
        if (held != null && version <= held && !resync) {
            counters.recordStale();
            LOG.info(() -> receiverId + " ignoring version " + version + " on " + topic + ", not newer than " + held);
            return false;
        }
        return true;
    }

    private void handleCommand(String topic, Command command) {
        if (!receiverId.equals(command.receiverId())) {
            drop(DropReason.RECEIVER_MISMATCH, topic, "command is for receiver '" + command.receiverId() + "'");
            return;
        }
        if (!command.isComplete()) {
            drop(DropReason.INCOMPLETE, topic, "command lacks id, type, issuedAt, expiresAt or a valid volume");
            return;
        }
        // Signed commands (a later protocol version) are verified here, before anything else is done.
        if (time.serverNow().isAfter(command.expiresAt())) {
            drop(DropReason.EXPIRED, topic, "command " + command.id() + " expired at " + command.expiresAt());
            return;
        }
        if (!seenCommands.add(command.id())) {
            drop(DropReason.DUPLICATE, topic, "command " + command.id() + " was already carried out");
            return;
        }
        LOG.info(() -> receiverId + " command " + command.type() + " " + command.id());
        switch (command.type()) {
            case SET_VOLUME -> output.setVolume(command.volume());
            case MUTE -> output.setMuted(true);
            case UNMUTE -> output.setMuted(false);
            case TEST_TONE -> playTestTone(command.id());
            case RESYNC -> {
                resyncing.add(topics.manifest(receiverId));
                mqtt.subscribe(topics.manifest(receiverId), QOS);
                for (String code : areaCodes()) {
                    resyncing.add(topics.areaManifest(code));
                    mqtt.subscribe(topics.areaManifest(code), QOS);
                }
            }
            case REPORT_NOW -> { }
            case STOP_CURRENT -> stage.current().ifPresent(
                    playing -> playing.cancel("stopped by remote command " + command.id()));
        }
        lastCommandId = command.id();
        publishHeartbeat();
    }

    /** A message that fails the signature check is refused, and reported at once in a heartbeat. */
    private void refuse(SignatureVerifier.Verdict verdict, String topic) {
        DropReason reason = DropReason.valueOf(verdict.name());
        drop(reason, topic, "signature check failed");
        lastError = "refused a message on " + topic + ": " + reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        publishHeartbeat();
    }

    private void drop(DropReason reason, String topic, String detail) {
        counters.recordDrop(reason);
        LOG.warning(receiverId + " dropped a message on " + topic + " (" + reason + "): " + detail);
    }

    // ---- schedule (control lane) ----

    /**
     * Schedules the union of the areas' manifests and the receiver's own, by occurrence id; the own manifest's entry
     * wins when both name one occurrence (docs/protocol.md, "Area manifests").
     */
    private void apply(String cause) {
        Map<String, ManifestEntry> incoming = new LinkedHashMap<>();
        for (String code : areaCodes()) {
            Manifest area = areaManifests.get(code);
            if (area != null) {
                area.entries().forEach(entry -> incoming.put(entry.occurrenceId(), entry));
            }
        }
        Manifest own = ownManifest;
        if (own != null) {
            own.entries().forEach(entry -> incoming.put(entry.occurrenceId(), entry));
        }
        LOG.info(() -> receiverId + " applying " + cause + ": " + incoming.size() + " entries");

        for (ScheduledEntry existing : entries.values()) {
            if (!incoming.containsKey(existing.occurrenceId())) {
                LOG.info(() -> receiverId + " cancelling " + existing.occurrenceId()
                        + ": it is no longer in " + cause);
                existing.cancel("the entry was removed by " + cause);
                entries.remove(existing.occurrenceId());
            }
        }
        for (ManifestEntry entry : incoming.values()) {
            ScheduledEntry existing = entries.get(entry.occurrenceId());
            if (existing != null) {
                if (existing.entry().equals(entry) || existing.isStarted() || existing.isFinished()) {
                    continue;
                }
                existing.cancel("the entry was changed by " + cause);
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
        for (EventType type : EventType.values()) {
            if (type.isFinal() && events.happened(occurrenceId, type)) {
                scheduled.markFinished();
                return;
            }
        }
        if (events.happened(occurrenceId, EventType.PLAYING)) {
            finish(scheduled, EventType.FAILED,
                    "playback was interrupted: the agent stopped while it was playing");
            return;
        }
        events.record(occurrenceId, EventType.DELIVERED, null);
        if (time.serverNow().isAfter(entry.expiresAt())) {
            finish(scheduled, EventType.MISSED, null);
            return;
        }
        boolean late = !time.serverNow().isBefore(entry.playAt());
        if (entry.relays()) {
            // nothing to download: the stream is opened at play time
            armTimer(scheduled);
            return;
        }
        CompletableFuture<Path> audio = fetcher.fetch(entry.audio(), late ? entry.expiresAt() : entry.playAt());
        scheduled.audio(audio);
        audio.whenComplete((path, error) -> runOnControl(() -> onAudioSettled(scheduled, path, error)));
        if (late) {
            // Received after playAt (agent was offline or restarted): play as soon as the audio is ready,
            // as long as expiresAt has not passed by then.
            audio.thenRun(() -> armTimer(scheduled));
        } else {
            armTimer(scheduled);
        }
    }

    private void onAudioSettled(ScheduledEntry scheduled, Path file, Throwable error) {
        if (scheduled.isCancelled() || scheduled.isFinished()) {
            return;
        }
        if (error != null) {
            finish(scheduled, EventType.FAILED, reasonOf(error));
            return;
        }
        cache.touch(file);
        cache.evict(scheduledAudio());
        if (!scheduled.isStarted()) {
            recordDownloaded(scheduled);
        }
    }

    private void recordDownloaded(ScheduledEntry scheduled) {
        if (!events.happened(scheduled.occurrenceId(), EventType.DOWNLOADED)) {
            events.record(scheduled.occurrenceId(), EventType.DOWNLOADED, null);
        }
    }

    /** The SHA-256 of every audio file an entry that has not finished still needs. */
    private Set<String> scheduledAudio() {
        return entries.values().stream()
                .filter(e -> !e.isFinished() && !e.isCancelled() && !e.entry().relays())
                .map(e -> e.entry().audio().sha256())
                .collect(Collectors.toSet());
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

    private void playTestTone(UUID commandId) {
        try {
            Path tone = TestTone.ensure(cacheDir);
            Instant now = time.serverNow();
            ManifestEntry entry = new ManifestEntry("test-tone-" + commandId, null, "test tone", Priority.NORMAL,
                    now, now.plus(Duration.ofMinutes(1)),
                    new AudioRef(tone.toUri().toString(), Sha256.of(tone), null, Files.size(tone), "audio/wav"));
            ScheduledEntry scheduled = new ScheduledEntry(entry, false);
            scheduled.audio(CompletableFuture.completedFuture(tone));
            if (!stage.isIdle()) {
                LOG.info(() -> receiverId + " test tone not played: something else is playing or waiting");
                return;
            }
            stage.offer(scheduled);
        } catch (IOException e) {
            noteError("cannot prepare the test tone: " + e.getMessage());
        }
    }

    // ---- timing (timer threads) ----

    private void armTimer(ScheduledEntry scheduled) {
        Instant target = scheduled.entry().playAt().minus(PREROLL);
        long delayNanos = Math.max(0, Duration.between(time.serverNow(), target).toNanos());
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
        Duration early = Duration.between(time.serverNow(), scheduled.entry().playAt().minus(PREROLL));
        if (early.compareTo(CLOCK_TOLERANCE) > 0) {
            armTimer(scheduled);
            return;
        }
        Duration untilPlay = Duration.between(time.serverNow(), scheduled.entry().playAt());
        if (untilPlay.compareTo(CLOCK_TOLERANCE) > 0 && stage.holdsLowerPriorityThan(scheduled)) {
            // A lower-priority entry is playing: interrupt it at playAt, not a pre-roll earlier.
            try {
                scheduled.timer(executors.scheduler().schedule(() -> {
                    if (!scheduled.isCancelled() && !scheduled.isFinished()) {
                        stage.offer(scheduled);
                    }
                }, untilPlay.toNanos(), TimeUnit.NANOSECONDS));
            } catch (RejectedExecutionException e) {
                LOG.fine("agent is shutting down; " + scheduled.occurrenceId() + " not scheduled");
            }
            return;
        }
        stage.offer(scheduled);
    }

    // ---- playback (playback pool, one entry at a time per agent) ----

    private void perform(ScheduledEntry scheduled) {
        if (scheduled.isCancelled() || scheduled.isFinished()) {
            return;
        }
        ManifestEntry entry = scheduled.entry();
        boolean resuming = scheduled.isStarted();
        if (!resuming && time.serverNow().isAfter(entry.expiresAt())) {
            finish(scheduled, EventType.MISSED, null);
            return;
        }
        if (entry.relays()) {
            relay(scheduled, resuming);
            return;
        }
        Optional<Path> file = verifiedAudio(scheduled);
        if (file.isEmpty()) {
            return;
        }
        try (AudioPlayer.Clip clip = player.open(file.get())) {
            cache.touch(file.get());
            if (!resuming) {
                Instant playAt = entry.playAt();
                Instant now = time.serverNow();
                if (entry.isTest()) {
                    LOG.info(() -> receiverId + " plays TEST broadcast " + entry.occurrenceId() + " (" + entry.title()
                            + ")");
                }
                // Recorded before the wait, so that the first sample is not delayed by a disk write; stamped
                // with the instant it will start.
                report(scheduled, EventType.PLAYING, null, now.isAfter(playAt) ? now : playAt);
                scheduled.markStarted();
                waitUntil(playAt);
            }
            if (scheduled.shouldStop() && scheduled.preemptedBy() != null && !scheduled.isCancelled()) {
                scheduled.resumeLater(scheduled.resumeAtMillis());
                stage.requeue(scheduled);
                return;
            }
            AudioPlayer.Result result = clip.play(scheduled.resumeAtMillis(), gainFor(entry),
                    scheduled::shouldStop);
            audioOutputOk = true;
            if (result.outcome() == AudioPlayer.Outcome.COMPLETED) {
                finish(scheduled, EventType.PLAYED, null);
            } else if (scheduled.isCancelled() || scheduled.preemptedBy() == null) {
                String why = scheduled.cancelledBy() != null ? scheduled.cancelledBy() : "the agent shut down";
                finish(scheduled, EventType.FAILED, "playback stopped before the end: " + why);
            } else {
                afterPreemption(scheduled, result.positionMillis());
            }
        } catch (PlaybackException e) {
            if (e.getCause() instanceof SinkException) {
                audioOutputOk = false;
            }
            finish(scheduled, EventType.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected playback error for " + scheduled.occurrenceId(), e);
            finish(scheduled, EventType.FAILED, "unexpected playback error: " + e);
        }
    }

    /**
     * Plays a live stream from now until the relay window closes. A stream that cannot be opened or that breaks
     * off before the window closes reports FAILED with the reason; a stream that is pre-empted and resumed joins
     * the live stream again.
     */
    private void relay(ScheduledEntry scheduled, boolean resuming) {
        ManifestEntry entry = scheduled.entry();
        Instant endsAt = entry.relay().endsAt();
        if (!time.serverNow().isBefore(endsAt)) {
            finish(scheduled, resuming ? EventType.PLAYED : EventType.MISSED, null);
            return;
        }
        try (AudioPlayer.Clip stream = player.openStream(entry.relay().url())) {
            if (!resuming) {
                waitUntil(entry.playAt());
                Instant now = time.serverNow();
                report(scheduled, EventType.PLAYING, null, now.isAfter(entry.playAt()) ? now : entry.playAt());
                scheduled.markStarted();
            }
            AudioPlayer.Result result = stream.play(0, gainFor(entry),
                    () -> scheduled.shouldStop() || !time.serverNow().isBefore(endsAt));
            audioOutputOk = true;
            boolean windowClosed = !time.serverNow().isBefore(endsAt);
            if (scheduled.isCancelled() || (scheduled.shouldStop() && scheduled.preemptedBy() == null)) {
                String why = scheduled.cancelledBy() != null ? scheduled.cancelledBy() : "the agent shut down";
                finish(scheduled, EventType.FAILED, "relay stopped before the end of its window: " + why);
            } else if (result.outcome() == AudioPlayer.Outcome.STOPPED && scheduled.preemptedBy() != null
                    && !windowClosed) {
                afterPreemption(scheduled, 0);
            } else if (windowClosed) {
                finish(scheduled, EventType.PLAYED, null);
            } else {
                finish(scheduled, EventType.FAILED, "the relay stream " + entry.relay().url()
                        + " ended before its window closed at " + endsAt);
            }
        } catch (PlaybackException e) {
            if (e.getCause() instanceof SinkException) {
                audioOutputOk = false;
            }
            noteError(e.getMessage());
            finish(scheduled, EventType.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected relay error for " + scheduled.occurrenceId(), e);
            finish(scheduled, EventType.FAILED, "unexpected relay error: " + e);
        }
    }

    private void afterPreemption(ScheduledEntry scheduled, long positionMillis) {
        String by = scheduled.preemptedBy();
        switch (scheduled.entry().effectivePreemptPolicy()) {
            case RESUME -> {
                LOG.info(() -> receiverId + " " + scheduled.occurrenceId() + " interrupted by " + by
                        + " at " + positionMillis + " ms; it resumes there afterwards");
                scheduled.resumeLater(positionMillis);
                stage.requeue(scheduled);
            }
            case RESTART -> {
                LOG.info(() -> receiverId + " " + scheduled.occurrenceId() + " interrupted by " + by
                        + "; it restarts afterwards");
                scheduled.resumeLater(0);
                stage.requeue(scheduled);
            }
            case DROP -> finish(scheduled, EventType.PREEMPTED, "pre-empted by occurrence " + by);
        }
    }

    private double gainFor(ManifestEntry entry) {
        if (entry.effectivePriority() == Priority.EMERGENCY) {
            return config.tuning().emergencyVolume() / FULL_VOLUME;
        }
        return output.muted() ? 0.0 : output.volume() / FULL_VOLUME;
    }

    private void waitUntil(Instant instant) {
        long remaining;
        while ((remaining = Duration.between(time.serverNow(), instant).toNanos()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /**
     * The cached audio if it is downloaded and still matches its SHA-256. A cached file that no longer matches is
     * deleted and fetched again; the entry comes back to the stage when it is there (or fails if it cannot be).
     */
    private Optional<Path> verifiedAudio(ScheduledEntry scheduled) {
        ManifestEntry entry = scheduled.entry();
        CompletableFuture<Path> audio = scheduled.audio();
        if (audio == null) {
            finish(scheduled, EventType.FAILED, "the audio was never requested");
            return Optional.empty();
        }
        if (!audio.isDone()) {
            // Still downloading at play time: play late once it is here, unless expiresAt passes first.
            LOG.warning(receiverId + " " + scheduled.occurrenceId() + ": the audio is still downloading at the play"
                    + " time " + entry.playAt() + "; it plays when it arrives, if before " + entry.expiresAt());
            audio.whenComplete((path, error) -> runOnControl(() -> {
                if (!scheduled.isCancelled() && !scheduled.isFinished()) {
                    // the download may settle here before onAudioSettled runs: report it before playing
                    if (error == null) {
                        recordDownloaded(scheduled);
                    }
                    stage.offer(scheduled);
                }
            }));
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
        } catch (IOException e) {
            finish(scheduled, EventType.FAILED, "cannot read the cached audio " + file + ": " + e.getMessage());
            return Optional.empty();
        }
        noteError("the cached audio " + file.getFileName() + " no longer matched its sha256 "
                + Sha256.abbreviate(expected) + "; deleted, not played, fetching it again");
        if (!scheduled.reportsEvents()) {
            return Optional.empty();
        }
        CompletableFuture<Path> again = fetcher.fetch(entry.audio(), entry.expiresAt());
        scheduled.audio(again);
        again.whenComplete((path, error) -> runOnControl(() -> {
            if (scheduled.isCancelled() || scheduled.isFinished()) {
                return;
            }
            if (error != null) {
                finish(scheduled, EventType.FAILED, reasonOf(error));
            } else {
                stage.offer(scheduled);
            }
        }));
        return Optional.empty();
    }

    private void finish(ScheduledEntry scheduled, EventType type, String reason) {
        report(scheduled, type, reason, null);
        scheduled.markFinished();
    }

    private void report(ScheduledEntry scheduled, EventType type, String reason, Instant at) {
        if (type == EventType.FAILED) {
            noteError(scheduled.occurrenceId() + ": " + reason);
        }
        if (scheduled.reportsEvents()) {
            events.record(scheduled.occurrenceId(), type, reason, at);
        }
    }

    private void noteError(String error) {
        lastError = error;
        LOG.warning(receiverId + ": " + error);
    }

    // ---- status, heartbeat and shutdown ----

    private void publishHeartbeat() {
        if (closed || !mqtt.isConnected()) {
            return;
        }
        try {
            mqtt.publish(topics.heartbeat(receiverId), json.writeValueAsBytes(heartbeat()), QOS, false,
                    Math.max(1, config.tuning().heartbeatInterval().toSeconds()), new MqttLink.Delivery() {
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
        ScheduledFuture<?> heartbeat = heartbeatTimer;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        events.stop();
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
