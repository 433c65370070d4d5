package vn.loaxa.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.mqttv5.common.MqttException;
import vn.loaxa.agent.config.AgentConfig;
import vn.loaxa.agent.config.ConfigException;
import vn.loaxa.agent.config.FleetFile;
import vn.loaxa.agent.download.RetryPolicy;
import vn.loaxa.agent.playback.JavaSoundSink;
import vn.loaxa.agent.playback.NullSink;
import vn.loaxa.agent.playback.Sink;
import vn.loaxa.agent.protocol.Json;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Everything running in this JVM: one agent, or one per fleet member, over shared executors and one HTTP client.
 */
public final class AgentRuntime implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AgentRuntime.class.getName());
    /** How long to wait for a TCP connection to the audio server. */
    public static final Duration HTTP_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** The cache directory cannot be created or written. */
    public static final class CacheUnusableException extends Exception {
        private static final long serialVersionUID = 1L;

        CacheUnusableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final AgentExecutors executors;
    private final List<Agent> agents;

    private AgentRuntime(AgentExecutors executors, List<Agent> agents) {
        this.executors = executors;
        this.agents = List.copyOf(agents);
    }

    /** Creates and starts the agent(s) described by the configuration. Returns once they are connecting. */
    public static AgentRuntime start(AgentConfig config)
            throws ConfigException, CacheUnusableException, IOException, MqttException {
        List<AgentConfig> members = new ArrayList<>();
        if (config.isFleet()) {
            for (Map.Entry<String, String> member : FleetFile.read(config.fleet()).entrySet()) {
                members.add(config.forFleetMember(member.getKey(), member.getValue()));
            }
        } else {
            members.add(config);
        }
        for (AgentConfig member : members) {
            ensureWritable(member.cacheDir());
        }

        AgentExecutors executors = new AgentExecutors();
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(HTTP_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        ObjectMapper json = Json.newMapper();
        List<Agent> agents = new ArrayList<>();
        try {
            for (AgentConfig member : members) {
                agents.add(new Agent(member, executors, sinkFor(member), http, RetryPolicy.defaults(), json,
                        Clock.systemUTC()));
            }
        } catch (IOException | MqttException | RuntimeException e) {
            agents.forEach(Agent::close);
            executors.close();
            throw e;
        }
        agents.forEach(Agent::start);
        LOG.info(() -> "started " + agents.size() + " agent(s), version " + Agent.version());
        return new AgentRuntime(executors, agents);
    }

    /** The running agents. */
    public List<Agent> agents() {
        return agents;
    }

    /** Shuts every agent down cleanly (offline status, disconnect), then the shared pools. */
    @Override
    public void close() {
        agents.forEach(Agent::close);
        executors.close();
    }

    private static Sink sinkFor(AgentConfig config) {
        return switch (config.sink()) {
            case JAVASOUND -> new JavaSoundSink();
            case NULL -> new NullSink();
        };
    }

    private static void ensureWritable(Path dir) throws CacheUnusableException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CacheUnusableException("cannot create the cache directory " + dir.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
        if (!Files.isWritable(dir)) {
            throw new CacheUnusableException("the cache directory " + dir.toAbsolutePath() + " is not writable", null);
        }
    }
}
