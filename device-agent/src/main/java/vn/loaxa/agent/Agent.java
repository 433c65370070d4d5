package vn.loaxa.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.common.MqttException;
import vn.loaxa.agent.config.AgentConfig;
import vn.loaxa.agent.config.Tuning;
import vn.loaxa.agent.download.AudioDownloader;
import vn.loaxa.agent.download.AudioFetcher;
import vn.loaxa.agent.download.RetryPolicy;
import vn.loaxa.agent.mqtt.MqttSettings;
import vn.loaxa.agent.mqtt.MqttTransport;
import vn.loaxa.agent.mqtt.ReconnectBackoff;
import vn.loaxa.agent.playback.AudioPlayer;
import vn.loaxa.agent.playback.Sink;
import vn.loaxa.agent.protocol.Areas;
import vn.loaxa.agent.protocol.Command;
import vn.loaxa.agent.protocol.Heartbeat;
import vn.loaxa.agent.protocol.Manifest;
import vn.loaxa.agent.protocol.Status;
import vn.loaxa.agent.security.SignatureVerifier;
import vn.loaxa.agent.store.AudioCache;
import vn.loaxa.agent.store.EntryJournal;
import vn.loaxa.agent.store.LiveCounts;
import vn.loaxa.agent.store.ManifestStore;
import vn.loaxa.agent.store.Outbox;
import vn.loaxa.agent.store.OutputSettings;
import vn.loaxa.agent.time.ClockOffset;

/**
 * One receiver's agent: holds its schedule, downloads and verifies audio, plays each entry at its UTC instant
 * (server time, through the measured {@link ClockOffset}) and reports every step. It wires the parts: the
 * {@link MessageRouter} checks every message on the serial control lane and hands it on, the {@link ManifestState}
 * keeps the manifests and their versions, the {@link Schedule} turns their union into timed entries, the
 * {@link EntryPlayer} plays them one at a time (a higher priority interrupting a lower one), the
 * {@link CommandHandler} carries out remote commands and the {@link StatusReporter} publishes events, heartbeat and
 * status.
 */
public final class Agent implements MqttTransport.Listener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Agent.class.getName());
    /** Version reported when the agent does not run from its packaged jar. */
    public static final String DEVELOPMENT_VERSION = "0.1.0-SNAPSHOT";
    /** How long a clean shutdown waits for the offline status to be acknowledged. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);

    private static final int QOS = 1;

    private final AgentConfig config;
    private final String receiverId;
    private final Topics topics;
    private final AgentExecutors executors;
    private final ControlLane control;
    private final SignatureVerifier signatures;
    private final MessageCounters counters = new MessageCounters();
    private final MqttTransport mqtt;
    private final EventPublisher events;
    private final StatusReporter status;
    private final ManifestState manifests;
    private final Schedule schedule;
    private final CommandHandler commands;
    private final MessageRouter router;
    private final LiveSessions live;
    private final CatchUp catchUp;
    private volatile boolean closed;

    /**
     * Starts building an agent.
     *
     * @param config    one receiver's configuration (not a fleet)
     * @param executors the pools shared by all agents in the JVM
     * @param sink      where this agent's audio goes
     */
    public static AgentBuilder builder(AgentConfig config, AgentExecutors executors, Sink sink) {
        return new AgentBuilder(config, executors, sink);
    }

    Agent(
            AgentConfig config,
            AgentExecutors executors,
            Sink sink,
            HttpClient http,
            RetryPolicy retryPolicy,
            ObjectMapper json,
            ClockOffset time,
            MqttTransport.Factory transports)
            throws IOException, MqttException {
        if (config.isFleet() || config.receiverId() == null || config.secret() == null) {
            throw new IllegalArgumentException("an agent needs one receiver id and secret, not a fleet");
        }
        Tuning tuning = config.tuning();
        Clock clock = time.clock();
        this.config = config;
        this.receiverId = config.receiverId();
        this.topics = new Topics(config.topicPrefix());
        this.executors = executors;
        this.control = new ControlLane(executors.control(), receiverId + "-control");
        Path cacheDir = Files.createDirectories(config.cacheDir());
        EntryJournal journal = new EntryJournal(cacheDir);
        AudioFetcher fetcher = new AudioFetcher(
                new AudioDownloader(http, cacheDir, receiverId, config.secret()),
                retryPolicy,
                executors.downloads(),
                executors.scheduler(),
                clock);
        AudioCache cache = new AudioCache(cacheDir, tuning.cacheMaxBytes(), clock);
        OutputSettings output = new OutputSettings(cacheDir, json, tuning.volume());
        this.signatures = new SignatureVerifier(config.trustedKeys(), cacheDir);
        MqttSettings settings = new MqttSettings(
                config.mqttUrls(),
                receiverId,
                config.secret(),
                topics.status(receiverId),
                json.writeValueAsBytes(Status.will(receiverId)),
                config.willDelaySeconds(),
                ReconnectBackoff.withMaxDelay(tuning.reconnectMaxDelay()));
        this.mqtt = transports.create(settings, this, executors.scheduler());
        this.events = new EventPublisher(
                receiverId,
                topics.event(receiverId),
                journal,
                new Outbox(cacheDir, json, tuning.outboxMaxEvents()),
                json,
                clock,
                mqtt,
                control,
                executors.scheduler(),
                tuning.flushRatePerSecond(),
                tuning.flushJitter(),
                tuning.ackTimeout());
        this.status = new StatusReporter(
                receiverId, topics, json, time, tuning.heartbeatInterval(), output, cache, events, counters, mqtt);
        this.manifests = new ManifestState(receiverId, new ManifestStore(cacheDir, json), counters);
        this.live = new LiveSessions(topics, LiveSessions.over(mqtt));
        EntryPlayer player = new EntryPlayer(
                receiverId,
                time,
                new AudioPlayer(sink),
                sink,
                live,
                new LiveCounts(cacheDir, json),
                cache,
                fetcher,
                output,
                tuning.emergencyVolume(),
                control,
                status,
                executors.playback(),
                executors.liveClock(),
                executors.scheduler());
        this.schedule = new Schedule(
                receiverId,
                time,
                executors.scheduler(),
                control,
                fetcher,
                cache,
                journal,
                events,
                status,
                player.stage());
        this.commands = new CommandHandler(
                receiverId, topics, time, cacheDir, output, manifests, player.stage(), new CommandEffects());
        this.router = new MessageRouter(
                receiverId, topics, json, time, signatures, counters, manifests::areaCodes, new Recipient(), live);
        this.catchUp = new CatchUp(
                receiverId,
                topics,
                json,
                clock,
                tuning.catchUpWait(),
                CatchUp.ASK_AGAIN_AFTER,
                executors.scheduler(),
                control,
                manifests,
                CatchUp.over(mqtt, receiverId));
    }

    /** The version reported in the online status. */
    public static String version() {
        return Optional.ofNullable(Agent.class.getPackage().getImplementationVersion())
                .orElse(DEVELOPMENT_VERSION);
    }

    /** Reloads the stored manifest, starts connecting to the broker and starts the heartbeat. Returns at once. */
    public void start() {
        LOG.info(() -> "starting " + config);
        if (signatures.isDisabled()) {
            LOG.warning(receiverId + " trusts no signing key (trusted-keys): it accepts UNSIGNED manifests and"
                    + " commands. Development only; give it the server's key from GET /api/v1/signing-keys.");
        }
        control.execute(this::restoreStoredManifests);
        events.start();
        mqtt.start();
        status.startHeartbeat(executors.scheduler(), control);
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
        return manifests.version();
    }

    /** True while connected to the broker. */
    public boolean isConnected() {
        return mqtt.isConnected();
    }

    /** The health report as it would be published now. */
    public Heartbeat heartbeat() {
        return status.heartbeat();
    }

    // ---- MQTT callbacks: never block, hand the work to the control lane ----

    @Override
    public void onConnected(boolean reconnect) {
        LOG.info(() -> receiverId + (reconnect ? " reconnected" : " connected") + "; subscribing to "
                + topics.manifest(receiverId) + " and " + topics.command(receiverId));
        catchUp.connected();
        mqtt.subscribe(topics.manifest(receiverId), QOS);
        mqtt.subscribe(topics.command(receiverId), QOS);
        mqtt.subscribe(topics.areas(receiverId), QOS);
        mqtt.subscribe(topics.ack(receiverId), QOS);
        manifests.areaCodes().forEach(code -> mqtt.subscribe(topics.areaManifest(code), QOS));
        live.resubscribe();
        status.publishOnline();
        control.run(events::flushAfterConnect);
        control.run(status::publishHeartbeat);
    }

    @Override
    public void onMessage(String topic, byte[] payload, Map<String, String> userProperties) {
        if (topics.isLive(topic)) {
            // a frame every 60 ms (20 from some sources) that must reach the jitter buffer in time: one HMAC here,
            // not a queue behind manifest handling on the control lane
            router.routeLiveFrame(topic, payload);
            return;
        }
        control.run(() -> router.route(topic, payload, userProperties));
    }

    private void restoreStoredManifests() {
        boolean restored = manifests.restore();
        if (mqtt.isConnected()) {
            manifests.areaCodes().forEach(code -> mqtt.subscribe(topics.areaManifest(code), QOS));
        }
        if (restored) {
            schedule.apply(manifests.merged(), "the stored manifests");
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
        status.stop();
        events.stop();
        schedule.shutDown();
        mqtt.close(topics.status(receiverId), status.offlineStatus(), SHUTDOWN_TIMEOUT);
    }

    /** Messages that passed the router's checks, on the control lane. */
    private final class Recipient implements MessageRouter.Recipient {

        @Override
        public void manifest(String topic, Manifest manifest) {
            catchUp.arrived(topic);
            if (manifests.acceptOwn(topic, manifest)) {
                schedule.apply(manifests.merged(), "manifest version " + manifest.version());
            }
        }

        /** An area's manifest: its entries join the receiver's own (which win for the same occurrence). */
        @Override
        public void areaManifest(String topic, String code, Manifest manifest) {
            catchUp.arrived(topic);
            if (manifests.acceptArea(topic, code, manifest)) {
                schedule.apply(manifests.merged(), "area " + code + " manifest version " + manifest.version());
            }
        }

        /** The areas to listen to: subscribes to new area topics, and forgets the entries of areas left. */
        @Override
        public void areas(String topic, Areas areas) {
            catchUp.arrived(topic);
            manifests.acceptAreas(topic, areas).ifPresent(change -> {
                change.left().forEach(code -> mqtt.unsubscribe(topics.areaManifest(code)));
                if (mqtt.isConnected()) {
                    change.joined().forEach(code -> mqtt.subscribe(topics.areaManifest(code), QOS));
                }
                if (change.entriesLeft()) {
                    schedule.apply(manifests.merged(), "leaving areas " + change.left());
                }
            });
        }

        @Override
        public void command(Command command) {
            commands.carryOut(command);
        }

        @Override
        public void acknowledged(List<UUID> eventIds) {
            events.acknowledged(eventIds);
        }

        @Override
        public void refused(String topic, DropReason reason) {
            status.refused(topic, reason);
        }
    }

    private final class CommandEffects implements CommandHandler.Effects {

        @Override
        public void resubscribe(String topic) {
            mqtt.subscribe(topic, QOS);
        }

        @Override
        public void carriedOut(UUID commandId) {
            status.commandCarriedOut(commandId);
        }

        @Override
        public void error(String message) {
            status.noteError(message);
        }

        @Override
        public void caughtUp() {
            catchUp.answered();
        }
    }
}
