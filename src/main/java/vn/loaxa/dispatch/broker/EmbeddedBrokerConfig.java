package vn.loaxa.dispatch.broker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "loaxa.broker.embedded")
public interface EmbeddedBrokerConfig {
    /** Start the embedded HiveMQ CE broker (ignored when {@code loaxa.mqtt.url} names an external one). */
    @WithDefault("true")
    boolean enabled();

    /** TCP port of the embedded broker; 0 picks a free one. */
    @WithDefault("1884")
    int port();

    /** Address the embedded broker listens on; use 0.0.0.0 to let receivers on the network connect. */
    @WithDefault("127.0.0.1")
    String bindAddress();

    /**
     * Messages the broker queues per client before it discards new ones (HiveMQ's default is 1,000). The server's
     * own client needs room for a fleet's burst: 10,000 receivers reconnecting at once send a status, a heartbeat and
     * possibly a catch-up request each within seconds.
     */
    @WithDefault("200000")
    long maxQueuedMessages();
}
