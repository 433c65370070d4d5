package vn.loaxa.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void shouldApplyDefaults() throws Exception {
        AgentConfig config = load(Map.of(), "--receiver-id", "rx1", "--secret", "s3cret");

        assertThat(config.receiverId()).isEqualTo("rx1");
        assertThat(config.secret()).isEqualTo("s3cret");
        assertThat(config.mqttUrl()).isEqualTo("tcp://127.0.0.1:1884");
        assertThat(config.serverUrl()).isNull();
        assertThat(config.topicPrefix()).isEqualTo("loaxa");
        assertThat(config.cacheDir()).isEqualTo(Path.of("./agent-cache"));
        assertThat(config.sink()).isEqualTo(SinkType.JAVASOUND);
        assertThat(config.fleet()).isNull();
        assertThat(config.willDelaySeconds()).isEqualTo(30);
    }

    @Test
    void shouldReadAListOfBrokersInOrder() throws Exception {
        AgentConfig config = load(
                Map.of("LOAXA_AGENT_MQTT_URL", " tcp://node-a:1883 , ssl://node-b:8883,"),
                "--receiver-id",
                "rx1",
                "--secret",
                "s");

        assertThat(config.mqttUrl()).isEqualTo("tcp://node-a:1883,ssl://node-b:8883");
        assertThat(config.mqttUrls()).containsExactly("tcp://node-a:1883", "ssl://node-b:8883");
        assertThat(config.forFleetMember("rx2", "t").mqttUrls())
                .containsExactly("tcp://node-a:1883", "ssl://node-b:8883");
    }

    @Test
    void shouldLetFileOverrideDefaultsEnvOverrideFileAndFlagsOverrideEnv() throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, """
                receiver-id=from-file
                secret=file-secret
                topic-prefix=file-prefix
                cache-dir=/var/file-cache
                sink=null
                will-delay-seconds=10
                """);
        Map<String, String> env = Map.of(
                "LOAXA_AGENT_TOPIC_PREFIX", "env-prefix",
                "LOAXA_AGENT_CACHE_DIR", "/var/env-cache",
                "LOAXA_AGENT_WILL_DELAY_SECONDS", "20",
                "LOAXA_AGENT_SERVER_URL", "http://env-server:8080");

        AgentConfig config =
                load(env, "--config", file.toString(), "--will-delay-seconds", "40", "--mqtt-url=tcp://broker:1883");

        assertThat(config.receiverId()).as("file beats default").isEqualTo("from-file");
        assertThat(config.secret()).isEqualTo("file-secret");
        assertThat(config.sink()).as("file beats default").isEqualTo(SinkType.NULL);
        assertThat(config.topicPrefix()).as("env beats file").isEqualTo("env-prefix");
        assertThat(config.cacheDir()).as("env beats file").isEqualTo(Path.of("/var/env-cache"));
        assertThat(config.serverUrl()).as("env beats default").isEqualTo("http://env-server:8080");
        assertThat(config.willDelaySeconds()).as("flag beats env and file").isEqualTo(40);
        assertThat(config.mqttUrl()).as("flag beats default").isEqualTo("tcp://broker:1883");
    }

    @Test
    void shouldConfigureTheFileSinkInItsOwnDirectoryOrTheCache() throws Exception {
        AgentConfig inCache = load(Map.of(), "--receiver-id", "rx1", "--secret", "s", "--sink", "file");
        AgentConfig inDirectory = load(
                Map.of("LOAXA_AGENT_SINK_FILE", "/var/loaxa/pcm"),
                "--receiver-id",
                "rx1",
                "--secret",
                "s",
                "--sink",
                "FILE");

        assertThat(inCache.sink()).isEqualTo(SinkType.FILE);
        assertThat(inCache.sinkDirectory()).isEqualTo(AgentConfig.DEFAULT_CACHE_DIR);
        assertThat(inDirectory.sinkDirectory()).isEqualTo(Path.of("/var/loaxa/pcm"));
        assertThat(inDirectory.forFleetMember("rx2", "s2").sinkDirectory())
                .as("fleet members share the directory; their files are named by receiver")
                .isEqualTo(Path.of("/var/loaxa/pcm"));
        assertThat(Usage.text()).contains("--sink-file DIR");
    }

    @Test
    void shouldReadConfigFileNamedByEnvironment() throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "receiver-id=rx-env-file\nsecret=x\n");

        AgentConfig config = load(Map.of("LOAXA_AGENT_CONFIG", file.toString()));

        assertThat(config.receiverId()).isEqualTo("rx-env-file");
    }

    @Test
    void shouldRecogniseHelp() throws Exception {
        assertThat(new ConfigLoader(Map.of())
                        .load(new String[] {"--receiver-id", "x", "--help"})
                        .helpRequested())
                .isTrue();
        assertThat(Usage.text()).contains("--receiver-id", "--fleet", "LOAXA_AGENT_", "tcp://127.0.0.1:1884");
    }

    @Test
    void shouldConfigureFleetWithoutReceiverId() throws Exception {
        Path fleet = dir.resolve("fleet.properties");
        Files.writeString(fleet, "rx-b=secret-b\nrx-a=secret-a\n");

        AgentConfig config = load(Map.of(), "--fleet", fleet.toString(), "--cache-dir", dir.toString());

        assertThat(config.isFleet()).isTrue();
        assertThat(FleetFile.read(fleet)).containsExactly(Map.entry("rx-a", "secret-a"), Map.entry("rx-b", "secret-b"));
        AgentConfig member = config.forFleetMember("rx-a", "secret-a");
        assertThat(member.cacheDir()).isEqualTo(dir.resolve("rx-a"));
        assertThat(member.isFleet()).isFalse();
        assertThat(member.receiverId()).isEqualTo("rx-a");
    }

    @Test
    void shouldRejectFleetFileWithInvalidReceiverId() throws IOException {
        Path fleet = dir.resolve("fleet.properties");
        Files.writeString(fleet, "../evil=secret\n");

        assertThatThrownBy(() -> FleetFile.read(fleet))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("../evil");
    }

    @Test
    void shouldNotPrintSecret() throws Exception {
        assertThat(load(Map.of(), "--receiver-id", "rx1", "--secret", "topsecret")
                        .toString())
                .doesNotContain("topsecret");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "missing receiver id        | --secret x                                          | receiver-id is required",
                "missing secret             | --receiver-id rx1                                   | secret is required",
                "bad receiver id            | --receiver-id ../x --secret s                       | receiver-id '../x' is invalid",
                "unknown flag               | --receiver-id rx1 --secret s --colour red           | unknown flag --colour",
                "flag without value         | --receiver-id rx1 --secret                          | needs a value",
                "bare argument              | rx1                                                 | unexpected argument",
                "bad sink                   | --receiver-id rx1 --secret s --sink speaker         | sink 'speaker' is unknown",
                "bad will delay             | --receiver-id rx1 --secret s --will-delay-seconds x | not a whole number",
                "negative will delay        | --receiver-id rx1 --secret s --will-delay-seconds -1 | between 0 and",
                "bad mqtt url               | --receiver-id rx1 --secret s --mqtt-url http://x:1  | mqtt-url",
                "bad second mqtt url        | --receiver-id rx1 --secret s --mqtt-url tcp://a:1,x:1 | 'x:1' is invalid",
                "empty mqtt url list        | --receiver-id rx1 --secret s --mqtt-url ,,          | mqtt-url is empty",
                "broker listed twice        | --receiver-id rx1 --secret s --mqtt-url tcp://a:1,tcp://a:1 | twice",
                "bad prefix                 | --receiver-id rx1 --secret s --topic-prefix a/#     | topic-prefix",
                "missing config file        | --config /nonexistent/agent.properties              | cannot read config file",
                "missing fleet file         | --fleet /nonexistent/fleet.properties               | does not exist",
                "volume above 100           | --receiver-id rx1 --secret s --volume 101            | between 0 and 100",
                "simulate with receiver id  | --simulate 5 --receiver-id rx1                       | simulate alone",
                "zero heartbeat             | --receiver-id rx1 --secret s --heartbeat-seconds 0   | between 1 and",
                "zero reconnect cap         | --receiver-id rx1 --secret s --reconnect-max-seconds 0 | between 1 and",
                "register without simulate  | --receiver-id rx1 --secret s --register-with http://s:8080 --register-area a --admin-token t | set --simulate",
                "register without area      | --simulate 5 --register-with http://s:8080 --admin-token t | needs register-area",
                "register without login     | --simulate 5 --register-with http://s:8080 --register-area a --admin-user u | needs admin-token",
                "register with a secret     | --simulate 5 --secret s --register-with http://s:8080 --register-area a --admin-token t | not both",
                "register with mqtt url     | --simulate 5 --register-with tcp://s:1884 --register-area a --admin-token t | http(s) URL",
                "area without register      | --simulate 5 --register-area a                     | go with register-with"
            })
    void shouldRejectBadConfiguration(String description, String args, String message) {
        assertThatThrownBy(() -> load(Map.of(), args.trim().split("\\s+")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void shouldReadTuningAndSimulateKeysWithDefaults() throws Exception {
        AgentConfig defaults = load(Map.of(), "--receiver-id", "rx1", "--secret", "s");
        AgentConfig tuned = load(
                Map.of("LOAXA_AGENT_CACHE_MAX_MB", "64"),
                "--simulate",
                "1000",
                "--heartbeat-seconds",
                "15",
                "--volume",
                "40",
                "--emergency-volume",
                "90",
                "--outbox-max-events",
                "500",
                "--flush-rate",
                "5",
                "--flush-jitter-ms",
                "0",
                "--reconnect-max-seconds",
                "45",
                "--catch-up-wait-ms",
                "250");

        assertThat(defaults.tuning()).isEqualTo(Tuning.defaults());
        assertThat(defaults.simulate()).isZero();
        assertThat(tuned.simulate()).isEqualTo(1000);
        assertThat(tuned.isFleet()).isTrue();
        assertThat(tuned.tuning().heartbeatInterval()).isEqualTo(java.time.Duration.ofSeconds(15));
        assertThat(tuned.tuning().volume()).isEqualTo(40);
        assertThat(tuned.tuning().emergencyVolume()).isEqualTo(90);
        assertThat(tuned.tuning().outboxMaxEvents()).isEqualTo(500);
        assertThat(tuned.tuning().flushRatePerSecond()).isEqualTo(5);
        assertThat(tuned.tuning().flushJitter()).isZero();
        assertThat(tuned.tuning().cacheMaxBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(defaults.tuning().reconnectMaxDelay()).isEqualTo(java.time.Duration.ofSeconds(20));
        assertThat(tuned.tuning().reconnectMaxDelay()).isEqualTo(java.time.Duration.ofSeconds(45));
        assertThat(defaults.tuning().catchUpWait()).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(tuned.tuning().catchUpWait()).isEqualTo(java.time.Duration.ofMillis(250));
    }

    @Test
    void shouldRejectUnknownKeyInFile() throws IOException {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "receiver-id=rx1\nsecret=s\nrecever-id=typo\n");

        assertThatThrownBy(() -> load(Map.of(), "--config", file.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("recever-id");
    }

    @Test
    void shouldRejectFleetTogetherWithReceiverId() throws IOException {
        Path fleet = dir.resolve("fleet.properties");
        Files.writeString(fleet, "rx-a=secret-a\n");

        assertThatThrownBy(() -> load(Map.of("LOAXA_AGENT_RECEIVER_ID", "rx1"), "--fleet", fleet.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not both");
    }

    @Test
    void shouldReadHowASimulatedFleetRegistersItsReceivers() throws ConfigException {
        ConfigLoader.Request request = new ConfigLoader(Map.of("LOAXA_AGENT_ADMIN_PASSWORD", "pw")).load(new String[] {
            "--simulate", "10000",
            "--register-with", "http://127.0.0.1:8080",
            "--register-area", "xa-an-phu",
            "--admin-user", "admin"
        });

        assertThat(request.registration())
                .isEqualTo(new Registration(URI.create("http://127.0.0.1:8080"), "xa-an-phu", "admin", "pw", null));
        assertThat(request.registration().toString()).doesNotContain("pw");
        assertThat(load(Map.of(), "--simulate", "3"))
                .extracting(AgentConfig::simulate)
                .isEqualTo(3);
        assertThat(new ConfigLoader(Map.of())
                        .load(new String[] {"--simulate", "3"})
                        .registration())
                .isNull();
    }

    @Test
    void shouldNameEnvironmentVariables() {
        assertThat(ConfigLoader.envName("receiver-id")).isEqualTo("LOAXA_AGENT_RECEIVER_ID");
        assertThat(ConfigLoader.envName("will-delay-seconds")).isEqualTo("LOAXA_AGENT_WILL_DELAY_SECONDS");
    }

    private static AgentConfig load(Map<String, String> env, String... args) throws ConfigException {
        ConfigLoader.Request request = new ConfigLoader(env).load(args);
        assertThat(request.helpRequested()).isFalse();
        return request.config();
    }
}
