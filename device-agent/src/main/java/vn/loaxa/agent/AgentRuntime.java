package vn.loaxa.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.common.MqttException;
import vn.loaxa.agent.config.AgentConfig;
import vn.loaxa.agent.config.ConfigException;
import vn.loaxa.agent.config.FleetFile;
import vn.loaxa.agent.config.Registration;
import vn.loaxa.agent.config.SinkType;
import vn.loaxa.agent.mqtt.MqttLink;
import vn.loaxa.agent.mqtt.MqttTransport;
import vn.loaxa.agent.mqtt.SharedLoop;
import vn.loaxa.agent.playback.FileSink;
import vn.loaxa.agent.playback.JavaSoundSink;
import vn.loaxa.agent.playback.NullSink;
import vn.loaxa.agent.playback.Sink;
import vn.loaxa.agent.protocol.Json;
import vn.loaxa.agent.time.ClockOffset;
import vn.loaxa.agent.time.TimeSync;
import vn.loaxa.agent.time.TimeSyncPolling;

/**
 * Everything running in this JVM: one agent, or one per fleet member, over shared executors and one HTTP client.
 */
public final class AgentRuntime implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AgentRuntime.class.getName());
    /** Receiver id prefix of simulated agents. */
    public static final String SIMULATED_PREFIX = "sim-";
    /** Secret base of simulated agents when no secret is configured. */
    public static final String SIMULATED_SECRET = "simulate";
    /** Agents closed at once on shutdown (each waits for its offline status to be acknowledged). */
    static final int CLOSE_PARALLELISM = 64;
    /** Longest wait for all agents to close. */
    static final Duration CLOSE_LIMIT = Duration.ofSeconds(60);
    /** How long to wait for a TCP connection to the audio server. */
    public static final Duration HTTP_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * System property that, set to {@value #PAHO_TRANSPORT}, runs a simulated fleet with one Paho client per receiver
     * (as before the shared event loop); benchmarks only, for the baseline.
     */
    public static final String SIMULATED_TRANSPORT_PROPERTY = "loaxa.agent.simulate-transport";
    /** The value of {@value #SIMULATED_TRANSPORT_PROPERTY} that selects Paho. */
    public static final String PAHO_TRANSPORT = "paho";
    /** System property (seconds, may be negative) that shifts the agent's local clock; tests only. */
    public static final String CLOCK_SKEW_PROPERTY = "loaxa.agent.test-clock-skew-seconds";

    /** The cache directory cannot be created or written. */
    public static final class CacheUnusableException extends Exception {
        private static final long serialVersionUID = 1L;

        CacheUnusableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final AgentExecutors executors;
    private final SharedLoop sharedLoop;
    private final List<Agent> agents;

    private AgentRuntime(AgentExecutors executors, SharedLoop sharedLoop, List<Agent> agents) {
        this.executors = executors;
        this.sharedLoop = sharedLoop;
        this.agents = List.copyOf(agents);
    }

    /** Creates and starts the agent(s) described by the configuration. Returns once they are connecting. */
    public static AgentRuntime start(AgentConfig config)
            throws ConfigException, CacheUnusableException, IOException, MqttException,
                    ReceiverRegistrar.RegistrationException {
        return start(config, null);
    }

    /**
     * Creates and starts the agent(s) described by the configuration. Returns once they are connecting. A simulated
     * fleet ({@code simulate}) runs every receiver's MQTT connection on one shared event loop ({@link SharedLoop});
     * with a {@code registration} it first registers its receivers on the server and uses the secrets issued.
     */
    public static AgentRuntime start(AgentConfig config, Registration registration)
            throws ConfigException, CacheUnusableException, IOException, MqttException,
                    ReceiverRegistrar.RegistrationException {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(HTTP_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        ObjectMapper json = Json.newMapper();
        List<AgentConfig> members = new ArrayList<>();
        if (config.simulate() > 0 && registration != null) {
            members.addAll(simulatedMembers(
                    config, new ReceiverRegistrar(http, json, registration).register(simulatedIds(config.simulate()))));
        } else if (config.simulate() > 0) {
            members.addAll(simulatedMembers(config));
        } else if (config.isFleet()) {
            for (Map.Entry<String, String> member :
                    FleetFile.read(config.fleet()).entrySet()) {
                members.add(config.forFleetMember(member.getKey(), member.getValue()));
            }
        } else {
            members.add(config);
        }
        for (AgentConfig member : members) {
            ensureWritable(member.cacheDir());
        }

        AgentExecutors executors =
                new AgentExecutors(config.simulate() > 0 ? AgentExecutors.SIMULATED_CONTROL_THREADS : 0);
        SharedLoop sharedLoop =
                config.simulate() > 0 && !PAHO_TRANSPORT.equals(System.getProperty(SIMULATED_TRANSPORT_PROPERTY))
                        ? new SharedLoop()
                        : null;
        MqttTransport.Factory transports = sharedLoop != null ? sharedLoop : MqttLink::new;
        ClockOffset time = new ClockOffset(localClock());
        List<Agent> agents = new ArrayList<>();
        try {
            for (AgentConfig member : members) {
                agents.add(Agent.builder(member, executors, sinkFor(member, time))
                        .http(http)
                        .json(json)
                        .time(time)
                        .transports(transports)
                        .build());
            }
        } catch (IOException | MqttException | RuntimeException e) {
            agents.forEach(Agent::close);
            executors.close();
            if (sharedLoop != null) {
                sharedLoop.close();
            }
            throw e;
        }
        startTimeSync(config, members.get(0), executors, http, json, time);
        agents.forEach(Agent::start);
        LOG.info(() -> "started " + agents.size() + " agent(s), version " + Agent.version());
        return new AgentRuntime(executors, sharedLoop, agents);
    }

    /**
     * The host clock, shifted by {@value #CLOCK_SKEW_PROPERTY} seconds when that system property is set: for tests
     * only (the fault suite's receivers whose clocks run minutes fast or slow), never on a receiver.
     */
    static Clock localClock() {
        long skewSeconds = Long.getLong(CLOCK_SKEW_PROPERTY, 0);
        return skewSeconds == 0 ? Clock.systemUTC() : Clock.offset(Clock.systemUTC(), Duration.ofSeconds(skewSeconds));
    }

    /** The receiver ids of {@code --simulate N}: {@code sim-00001}… */
    static List<String> simulatedIds(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            ids.add(SIMULATED_PREFIX + String.format("%05d", i));
        }
        return ids;
    }

    /** The members of {@code --simulate N}: {@code sim-00001}… with secret {@code <secret>-00001}…, null sink. */
    static List<AgentConfig> simulatedMembers(AgentConfig config) {
        String secretBase = config.secret() == null ? SIMULATED_SECRET : config.secret();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String id : simulatedIds(config.simulate())) {
            secrets.put(id, secretBase + "-" + id.substring(SIMULATED_PREFIX.length()));
        }
        return simulatedMembers(config, secrets);
    }

    /** Simulated members with these ids and secrets (e.g. the ones the server issued), null sink. */
    static List<AgentConfig> simulatedMembers(AgentConfig config, Map<String, String> secrets) {
        List<AgentConfig> members = new ArrayList<>(secrets.size());
        for (Map.Entry<String, String> credentials : secrets.entrySet()) {
            AgentConfig member = config.forFleetMember(credentials.getKey(), credentials.getValue());
            members.add(new AgentConfig(
                    member.receiverId(),
                    member.secret(),
                    member.mqttUrl(),
                    member.serverUrl(),
                    member.topicPrefix(),
                    member.cacheDir(),
                    SinkType.NULL,
                    null,
                    member.willDelaySeconds(),
                    0,
                    member.tuning(),
                    member.trustedKeys(),
                    member.sinkFile()));
        }
        return members;
    }

    /**
     * Every agent in the JVM shares the host clock, so one measurement (with the first member's credentials)
     * serves them all. Without a server URL the local clock is trusted as it is.
     */
    private static void startTimeSync(
            AgentConfig config,
            AgentConfig first,
            AgentExecutors executors,
            HttpClient http,
            ObjectMapper json,
            ClockOffset time) {
        if (config.serverUrl() == null) {
            LOG.info("no server-url: playing on the local clock, without a measured offset");
            return;
        }
        TimeSync sync = new TimeSync(http, config.serverUrl(), first.receiverId(), first.secret(), json, time);
        new TimeSyncPolling(
                        sync,
                        executors.scheduler(),
                        executors.downloads(),
                        config.tuning().timeSyncInterval())
                .start();
    }

    /** The running agents. */
    public List<Agent> agents() {
        return agents;
    }

    /**
     * Shuts every agent down cleanly (offline status, disconnect), many at a time so that a large simulated fleet
     * stops within seconds, then the shared pools.
     */
    @Override
    public void close() {
        ExecutorService closers = Executors.newFixedThreadPool(Math.max(1, Math.min(agents.size(), CLOSE_PARALLELISM)));
        agents.forEach(agent -> closers.execute(agent::close));
        closers.shutdown();
        try {
            if (!closers.awaitTermination(CLOSE_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warning("some agents did not shut down cleanly within " + CLOSE_LIMIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executors.close();
        if (sharedLoop != null) {
            sharedLoop.close();
        }
    }

    private static Sink sinkFor(AgentConfig config, ClockOffset time) {
        return switch (config.sink()) {
            case JAVASOUND -> new JavaSoundSink();
            case NULL -> new NullSink();
            case FILE -> new FileSink(config.sinkDirectory(), config.receiverId(), time::serverNow);
        };
    }

    private static void ensureWritable(Path dir) throws CacheUnusableException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CacheUnusableException(
                    "cannot create the cache directory " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(dir)) {
            throw new CacheUnusableException("the cache directory " + dir.toAbsolutePath() + " is not writable", null);
        }
    }
}
