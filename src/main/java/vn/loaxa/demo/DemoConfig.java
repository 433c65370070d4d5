package vn.loaxa.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "loaxa.demo")
public interface DemoConfig {
    /** Start a device agent for every registered receiver (dev and demo profiles only). */
    @WithDefault("false")
    boolean enabled();

    /** The agent jar built by {@code mvn -f device-agent package}. */
    @WithDefault("device-agent/target/loaxa-agent.jar")
    String agentJar();

    /** Audio output of the demo agents: {@code null} (silent, real-time pace) or {@code javasound}. */
    @WithDefault("null")
    String sink();
}
