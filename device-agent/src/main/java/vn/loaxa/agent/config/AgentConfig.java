package vn.loaxa.agent.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import vn.loaxa.agent.mqtt.MqttSettings;

/**
 * The agent's settings, from {@link ConfigLoader}.
 *
 * @param receiverId       this receiver's id; MQTT client id and username (null in fleet mode)
 * @param secret           this receiver's secret; MQTT password and HTTP Basic password (null in fleet mode)
 * @param mqttUrl          broker URL, e.g. {@code tcp://127.0.0.1:1884}, or a comma-separated list of the cluster's
 *                         brokers, tried in order
 * @param serverUrl        the loaxa server's base URL; informational (audio URLs in manifests are absolute)
 * @param topicPrefix      first topic level(s), {@code loaxa} by default
 * @param cacheDir         where audio, the last manifest, the journal and the outbox are kept
 * @param sink             where decoded audio goes
 * @param fleet            properties file of {@code receiverId=secret} lines to run one agent per line, or null
 * @param willDelaySeconds MQTT 5 Will Delay of the Last Will, in seconds
 * @param simulate         number of simulated agents ({@code sim-00001}…) to run in this JVM, or 0
 * @param tuning           intervals and limits
 * @param trustedKeys      base64 Ed25519 public keys whose signatures on manifests and commands are accepted;
 *                         empty only in development, where unsigned messages are accepted with a warning
 * @param sinkFile         the directory of the {@link SinkType#FILE} sink's files; null for the cache directory
 */
public record AgentConfig(
        String receiverId,
        String secret,
        String mqttUrl,
        String serverUrl,
        String topicPrefix,
        Path cacheDir,
        SinkType sink,
        Path fleet,
        int willDelaySeconds,
        int simulate,
        Tuning tuning,
        List<String> trustedKeys,
        Path sinkFile) {

    /** Default broker URL (the embedded HiveMQ CE of the loaxa server). */
    public static final String DEFAULT_MQTT_URL = "tcp://127.0.0.1:1884";
    /** Default cache directory, relative to the working directory. */
    public static final Path DEFAULT_CACHE_DIR = Path.of("./agent-cache");
    /** Default audio sink. */
    public static final SinkType DEFAULT_SINK = SinkType.JAVASOUND;
    /** Default Will Delay, so that a receiver that reconnects quickly never flaps to offline. */
    public static final int DEFAULT_WILL_DELAY_SECONDS = 30;

    public AgentConfig {
        Objects.requireNonNull(mqttUrl, "mqttUrl");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(tuning, "tuning");
        trustedKeys = trustedKeys == null ? List.of() : List.copyOf(trustedKeys);
    }

    /** A configuration whose file sink, if any, writes to the cache directory. */
    public AgentConfig(
            String receiverId,
            String secret,
            String mqttUrl,
            String serverUrl,
            String topicPrefix,
            Path cacheDir,
            SinkType sink,
            Path fleet,
            int willDelaySeconds,
            int simulate,
            Tuning tuning,
            List<String> trustedKeys) {
        this(
                receiverId,
                secret,
                mqttUrl,
                serverUrl,
                topicPrefix,
                cacheDir,
                sink,
                fleet,
                willDelaySeconds,
                simulate,
                tuning,
                trustedKeys,
                null);
    }

    /** A configuration that trusts no signing key (development and tests of unsigned behaviour). */
    public AgentConfig(
            String receiverId,
            String secret,
            String mqttUrl,
            String serverUrl,
            String topicPrefix,
            Path cacheDir,
            SinkType sink,
            Path fleet,
            int willDelaySeconds,
            int simulate,
            Tuning tuning) {
        this(
                receiverId,
                secret,
                mqttUrl,
                serverUrl,
                topicPrefix,
                cacheDir,
                sink,
                fleet,
                willDelaySeconds,
                simulate,
                tuning,
                List.of());
    }

    /** A single agent or fleet with default tuning and no simulation. */
    public AgentConfig(
            String receiverId,
            String secret,
            String mqttUrl,
            String serverUrl,
            String topicPrefix,
            Path cacheDir,
            SinkType sink,
            Path fleet,
            int willDelaySeconds) {
        this(
                receiverId,
                secret,
                mqttUrl,
                serverUrl,
                topicPrefix,
                cacheDir,
                sink,
                fleet,
                willDelaySeconds,
                0,
                Tuning.defaults());
    }

    /** The same configuration with other tuning. */
    public AgentConfig withTuning(Tuning newTuning) {
        return new AgentConfig(
                receiverId,
                secret,
                mqttUrl,
                serverUrl,
                topicPrefix,
                cacheDir,
                sink,
                fleet,
                willDelaySeconds,
                simulate,
                newTuning,
                trustedKeys,
                sinkFile);
    }

    /** The same configuration trusting these signing keys. */
    public AgentConfig withTrustedKeys(List<String> keys) {
        return new AgentConfig(
                receiverId,
                secret,
                mqttUrl,
                serverUrl,
                topicPrefix,
                cacheDir,
                sink,
                fleet,
                willDelaySeconds,
                simulate,
                tuning,
                keys,
                sinkFile);
    }

    /** The broker URLs of {@link #mqttUrl()}, in order. */
    public List<String> mqttUrls() {
        return MqttSettings.splitUris(mqttUrl);
    }

    /** True if this configuration runs several agents: a {@link #fleet()} file or a {@link #simulate()} count. */
    public boolean isFleet() {
        return fleet != null || simulate > 0;
    }

    /** The configuration of one fleet member: its own credentials and its own cache sub-directory. */
    public AgentConfig forFleetMember(String memberId, String memberSecret) {
        return new AgentConfig(
                memberId,
                memberSecret,
                mqttUrl,
                serverUrl,
                topicPrefix,
                cacheDir.resolve(memberId),
                sink,
                null,
                willDelaySeconds,
                0,
                tuning,
                trustedKeys,
                sinkFile);
    }

    /** The same configuration with the file sink writing to {@code directory}. */
    public AgentConfig withSinkFile(Path directory) {
        return new AgentConfig(
                receiverId,
                secret,
                mqttUrl,
                serverUrl,
                topicPrefix,
                cacheDir,
                sink,
                fleet,
                willDelaySeconds,
                simulate,
                tuning,
                trustedKeys,
                directory);
    }

    /** Where the {@link SinkType#FILE} sink writes: {@link #sinkFile()}, else the cache directory. */
    public Path sinkDirectory() {
        return sinkFile != null ? sinkFile : cacheDir;
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "AgentConfig[receiverId=" + receiverId + ", secret=" + (secret == null ? "none" : "***")
                + ", mqttUrl=" + mqttUrl + ", serverUrl=" + serverUrl + ", topicPrefix=" + topicPrefix
                + ", cacheDir=" + cacheDir + ", sink=" + sink.key() + (sinkFile == null ? "" : ", sinkFile=" + sinkFile)
                + ", fleet=" + fleet
                + ", willDelaySeconds=" + willDelaySeconds + ", simulate=" + simulate + ", " + tuning
                + ", trustedKeys=" + trustedKeys.size() + "]";
    }
}
