package vn.loaxa.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Objects;
import org.eclipse.paho.mqttv5.common.MqttException;
import vn.loaxa.agent.config.AgentConfig;
import vn.loaxa.agent.download.RetryPolicy;
import vn.loaxa.agent.mqtt.MqttLink;
import vn.loaxa.agent.mqtt.MqttTransport;
import vn.loaxa.agent.playback.Sink;
import vn.loaxa.agent.protocol.Json;
import vn.loaxa.agent.time.ClockOffset;

/**
 * How an agent is made: its configuration, the shared pools and its sink, and the parts that have defaults. A
 * simulated receiver runs the same manifest, schedule, download and report code as a real one, over an MQTT
 * transport that shares its threads with the rest of the fleet ({@link #transports}).
 */
public final class AgentBuilder {
    private final AgentConfig config;
    private final AgentExecutors executors;
    private final Sink sink;
    private HttpClient http;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private ObjectMapper json;
    private ClockOffset time;
    private MqttTransport.Factory transports = MqttLink::new;

    AgentBuilder(AgentConfig config, AgentExecutors executors, Sink sink) {
        this.config = Objects.requireNonNull(config, "config");
        this.executors = Objects.requireNonNull(executors, "executors");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** The HTTP client shared by all agents in the JVM (default: a new client). */
    public AgentBuilder http(HttpClient http) {
        this.http = http;
        return this;
    }

    /** How downloads are retried (default {@link RetryPolicy#defaults()}). */
    public AgentBuilder retryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = retryPolicy;
        return this;
    }

    /** The protocol's JSON mapper (default {@link Json#newMapper()}). */
    public AgentBuilder json(ObjectMapper json) {
        this.json = json;
        return this;
    }

    /**
     * The local clock and its measured offset from the server, shared by all agents in the JVM (default: the
     * system clock without a measured offset).
     */
    public AgentBuilder time(ClockOffset time) {
        this.time = time;
        return this;
    }

    /** Makes this agent's MQTT connection (default {@code MqttLink::new}, as on a real receiver). */
    public AgentBuilder transports(MqttTransport.Factory transports) {
        this.transports = transports;
        return this;
    }

    /** Makes the agent, creating its cache directory; it does not connect until {@link Agent#start()}. */
    public Agent build() throws IOException, MqttException {
        return new Agent(
                config,
                executors,
                sink,
                http != null ? http : HttpClient.newHttpClient(),
                Objects.requireNonNull(retryPolicy, "retryPolicy"),
                json != null ? json : Json.newMapper(),
                time != null ? time : new ClockOffset(Clock.systemUTC()),
                Objects.requireNonNull(transports, "transports"));
    }
}
