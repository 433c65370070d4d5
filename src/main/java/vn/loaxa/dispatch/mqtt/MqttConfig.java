package vn.loaxa.dispatch.mqtt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "loaxa.mqtt")
public interface MqttConfig {
    /**
     * URL of an external broker, e.g. {@code tcp://mqtt.example:1883}, or a comma-separated list of a cluster's
     * brokers, tried in order on every connect; absent means the embedded broker.
     */
    Optional<String> url();

    /** User name the server connects with. */
    Optional<String> username();

    /** Password the server connects with. */
    Optional<String> password();

    /** First topic level of every loaxa topic. */
    @WithDefault("loaxa")
    String topicPrefix();

    /** Shared-subscription group of the server replicas. */
    @WithDefault("loaxa-server")
    String sharedGroup();

    /** QoS 1 messages in flight at once; Paho's default of 10 throttles publishing. */
    @WithDefault("1000")
    int maxInflight();

    /** Largest payload accepted from a receiver, in bytes. */
    @WithDefault("16384")
    int maxInboundPayloadBytes();

    /** Messages a second each receiver may send after its burst; more are dropped and counted. */
    @WithDefault("50")
    double receiverRatePerSecond();

    /** How often the server publishes a probe on a topic its own subscription matches (see silenceLimit). */
    @WithDefault("10s")
    Duration probeInterval();

    /**
     * A connection that has brought in nothing, not even the probes, for this long is replaced by a fresh one: it is
     * up but no longer hears the receivers.
     */
    @WithDefault("60s")
    Duration silenceLimit();

    /** Messages a receiver may send at once before its rate applies. */
    @WithDefault("200")
    int receiverBurst();

    /**
     * Client id of this server replica, stable across restarts so that the broker keeps its session; absent means
     * {@code loaxa-server:{host}:{prefix}}. Each replica needs its own.
     */
    Optional<String> clientId();

    /** How long the broker keeps this replica's session, and queues receivers' messages for it, while it is away. */
    @WithDefault("1h")
    Duration sessionExpiry();

    /** Receiver messages that may wait for the inbound thread; QoS 1 ones are also bounded by maxInflight. */
    @WithDefault("20000")
    int inboundQueue();
}
