package vn.loaxa.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import vn.loaxa.agent.Topics;
import vn.loaxa.agent.mqtt.MqttSettings;

/**
 * Loads {@link AgentConfig} from, lowest to highest precedence: built-in defaults, an optional properties file
 * ({@code --config FILE} or {@code LOAXA_AGENT_CONFIG}), environment variables {@code LOAXA_AGENT_<KEY>}
 * ({@code receiver-id} becomes {@code LOAXA_AGENT_RECEIVER_ID}), and command-line flags {@code --key value} or
 * {@code --key=value}.
 */
public final class ConfigLoader {

    /** Prefix of the environment variables the agent reads. */
    public static final String ENV_PREFIX = "LOAXA_AGENT_";

    public static final String RECEIVER_ID = "receiver-id";
    public static final String SECRET = "secret";
    public static final String MQTT_URL = "mqtt-url";
    public static final String SERVER_URL = "server-url";
    public static final String TOPIC_PREFIX = "topic-prefix";
    public static final String CACHE_DIR = "cache-dir";
    public static final String SINK = "sink";
    public static final String SINK_FILE = "sink-file";
    public static final String FLEET = "fleet";
    public static final String WILL_DELAY_SECONDS = "will-delay-seconds";
    public static final String SIMULATE = "simulate";
    public static final String HEARTBEAT_SECONDS = "heartbeat-seconds";
    public static final String TIME_SYNC_SECONDS = "time-sync-seconds";
    public static final String VOLUME = "volume";
    public static final String EMERGENCY_VOLUME = "emergency-volume";
    public static final String OUTBOX_MAX_EVENTS = "outbox-max-events";
    public static final String FLUSH_RATE = "flush-rate";
    public static final String FLUSH_JITTER_MS = "flush-jitter-ms";
    public static final String ACK_TIMEOUT_MS = "ack-timeout-ms";
    public static final String CACHE_MAX_MB = "cache-max-mb";
    public static final String RECONNECT_MAX_SECONDS = "reconnect-max-seconds";
    public static final String CATCH_UP_WAIT_MS = "catch-up-wait-ms";
    public static final String TRUSTED_KEYS = "trusted-keys";
    /** Flag (or {@code LOAXA_AGENT_CONFIG}) naming the properties file; not a key inside the file. */
    public static final String CONFIG = "config";

    /** Every key that can appear in the file, the environment or the flags, in usage order. */
    public static final List<String> KEYS = List.of(
            RECEIVER_ID,
            SECRET,
            MQTT_URL,
            SERVER_URL,
            TOPIC_PREFIX,
            CACHE_DIR,
            SINK,
            SINK_FILE,
            FLEET,
            WILL_DELAY_SECONDS,
            SIMULATE,
            RegistrationOptions.REGISTER_WITH,
            RegistrationOptions.REGISTER_AREA,
            RegistrationOptions.ADMIN_USER,
            RegistrationOptions.ADMIN_PASSWORD,
            RegistrationOptions.ADMIN_TOKEN,
            HEARTBEAT_SECONDS,
            TIME_SYNC_SECONDS,
            VOLUME,
            EMERGENCY_VOLUME,
            OUTBOX_MAX_EVENTS,
            FLUSH_RATE,
            FLUSH_JITTER_MS,
            ACK_TIMEOUT_MS,
            CACHE_MAX_MB,
            RECONNECT_MAX_SECONDS,
            CATCH_UP_WAIT_MS,
            TRUSTED_KEYS);
    /** Most simulated agents in one JVM. */
    public static final int MAX_SIMULATE = 100_000;

    private static final Set<String> HELP_FLAGS = Set.of("--help", "-h", "-?");
    private static final Set<String> MQTT_SCHEMES = Set.of("tcp", "ssl", "ws", "wss");
    private static final int MAX_WILL_DELAY_SECONDS = 86_400;
    private static final long MEBIBYTE = 1024L * 1024;

    /**
     * What the command line asked for.
     *
     * @param registration how a simulated fleet registers its receivers on the server, or null
     */
    public record Request(boolean helpRequested, AgentConfig config, Registration registration) {
        static Request help() {
            return new Request(true, null, null);
        }
    }

    private final Map<String, String> environment;

    /** @param environment the process environment ({@code System.getenv()}), injectable for tests */
    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Parses the command line and builds the configuration, or reports that usage was requested. */
    public Request load(String[] args) throws ConfigException {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (HELP_FLAGS.contains(arg)) {
                return Request.help();
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("unexpected argument '" + arg + "'; flags look like --key value");
            }
            String key;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                key = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else {
                key = arg.substring(2);
                if (i + 1 >= args.length) {
                    throw new ConfigException("flag --" + key + " needs a value");
                }
                value = args[++i];
            }
            if (!KEYS.contains(key) && !CONFIG.equals(key)) {
                throw new ConfigException("unknown flag --" + key + "; try --help");
            }
            flags.put(key, value);
        }

        Map<String, String> merged = new LinkedHashMap<>();
        String configFile = flags.containsKey(CONFIG) ? flags.remove(CONFIG) : environment.get(envName(CONFIG));
        if (configFile != null && !configFile.isBlank()) {
            merged.putAll(readFile(configFile));
        }
        for (String key : KEYS) {
            String value = environment.get(envName(key));
            if (value != null) {
                merged.put(key, value);
            }
        }
        merged.putAll(flags);
        AgentConfig config = build(merged);
        return new Request(false, config, RegistrationOptions.read(merged, config));
    }

    /** The environment variable for a key: {@code receiver-id} is {@code LOAXA_AGENT_RECEIVER_ID}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Map<String, String> readFile(String file) throws ConfigException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | InvalidPathException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException("unknown key '" + key + "' in config file " + file + "; known keys: "
                        + String.join(", ", KEYS));
            }
            values.put(key, properties.getProperty(key).trim());
        }
        return values;
    }

    private static AgentConfig build(Map<String, String> values) throws ConfigException {
        String receiverId = blankToNull(values.get(RECEIVER_ID));
        String secret = blankToNull(values.get(SECRET));
        Path fleet = optionalPath(values, FLEET);
        int simulate = (int) parseLong(values, SIMULATE, 0, 0, MAX_SIMULATE);
        if (simulate > 0) {
            if (receiverId != null || fleet != null) {
                throw new ConfigException("use " + SIMULATE + " alone, without " + RECEIVER_ID + " or " + FLEET);
            }
        } else if (fleet != null) {
            if (receiverId != null || secret != null) {
                throw new ConfigException("use either " + FLEET + " or " + RECEIVER_ID + "/" + SECRET + ", not both");
            }
            if (!Files.isReadable(fleet)) {
                throw new ConfigException(FLEET + " file " + fleet + " does not exist or cannot be read");
            }
        } else {
            if (receiverId == null) {
                throw new ConfigException(RECEIVER_ID + " is required (or " + FLEET + "); set --" + RECEIVER_ID + " or "
                        + envName(RECEIVER_ID));
            }
            if (!Topics.isValidReceiverId(receiverId)) {
                throw new ConfigException(RECEIVER_ID + " '" + receiverId + "' is invalid; it must match "
                        + Topics.RECEIVER_ID.pattern());
            }
            if (secret == null) {
                throw new ConfigException(SECRET + " is required; set --" + SECRET + " or " + envName(SECRET));
            }
        }

        String mqttUrl = mqttUrls(values.getOrDefault(MQTT_URL, AgentConfig.DEFAULT_MQTT_URL));
        String serverUrl = blankToNull(values.get(SERVER_URL));
        String topicPrefix =
                values.getOrDefault(TOPIC_PREFIX, Topics.DEFAULT_PREFIX).trim();
        if (!Topics.isValidPrefix(topicPrefix)) {
            throw new ConfigException(TOPIC_PREFIX + " '" + topicPrefix + "' is invalid; use topic levels of "
                    + "letters, digits, '.', '_' or '-' separated by '/', without wildcards");
        }
        Path cacheDir = optionalPath(values, CACHE_DIR);
        String sinkKey = values.getOrDefault(SINK, AgentConfig.DEFAULT_SINK.key());
        SinkType sink = SinkType.fromKey(sinkKey)
                .orElseThrow(
                        () -> new ConfigException(SINK + " '" + sinkKey + "' is unknown; use javasound, null or file"));
        Path sinkFile = optionalPath(values, SINK_FILE);
        int willDelay = parseWillDelay(values.get(WILL_DELAY_SECONDS));
        Tuning defaults = Tuning.defaults();
        Tuning tuning = new Tuning(
                Duration.ofSeconds(parseLong(
                        values, HEARTBEAT_SECONDS, defaults.heartbeatInterval().toSeconds(), 1, 86_400)),
                Duration.ofSeconds(parseLong(
                        values, TIME_SYNC_SECONDS, defaults.timeSyncInterval().toSeconds(), 1, 86_400)),
                (int) parseLong(values, VOLUME, defaults.volume(), 0, 100),
                (int) parseLong(values, EMERGENCY_VOLUME, defaults.emergencyVolume(), 0, 100),
                (int) parseLong(values, OUTBOX_MAX_EVENTS, defaults.outboxMaxEvents(), 10, 10_000_000),
                (int) parseLong(values, FLUSH_RATE, defaults.flushRatePerSecond(), 1, 100_000),
                Duration.ofMillis(parseLong(
                        values, FLUSH_JITTER_MS, defaults.flushJitter().toMillis(), 0, 3_600_000)),
                Duration.ofMillis(parseLong(
                        values,
                        ACK_TIMEOUT_MS,
                        defaults.ackTimeout().toMillis(),
                        100,
                        Tuning.LONGEST_ACK_TIMEOUT.toMillis())),
                parseLong(values, CACHE_MAX_MB, defaults.cacheMaxBytes() / MEBIBYTE, 1, 10_000_000) * MEBIBYTE,
                Duration.ofSeconds(parseLong(
                        values,
                        RECONNECT_MAX_SECONDS,
                        defaults.reconnectMaxDelay().toSeconds(),
                        1,
                        3_600)),
                Duration.ofMillis(parseLong(
                        values, CATCH_UP_WAIT_MS, defaults.catchUpWait().toMillis(), 0, 60_000)));
        return new AgentConfig(
                receiverId,
                secret,
                mqttUrl,
                serverUrl,
                topicPrefix,
                cacheDir == null ? AgentConfig.DEFAULT_CACHE_DIR : cacheDir,
                sink,
                fleet,
                willDelay,
                simulate,
                tuning,
                trustedKeys(values),
                sinkFile);
    }

    private static List<String> trustedKeys(Map<String, String> values) throws ConfigException {
        String listed = values.get(TRUSTED_KEYS);
        if (listed == null || listed.isBlank()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        for (String key : listed.split("[,\\s]+")) {
            if (key.isBlank()) {
                continue;
            }
            try {
                java.security.KeyFactory.getInstance("Ed25519")
                        .generatePublic(new java.security.spec.X509EncodedKeySpec(
                                java.util.Base64.getDecoder().decode(key)));
            } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
                throw new ConfigException(TRUSTED_KEYS + ": '" + key + "' is not a base64 Ed25519 public key as"
                        + " GET /api/v1/signing-keys lists them");
            }
            keys.add(key);
        }
        return keys;
    }

    /** Checks every URL of a comma-separated list and returns the list normalised ({@code a,b}, no blanks). */
    private static String mqttUrls(String listed) throws ConfigException {
        List<String> urls = MqttSettings.splitUris(listed);
        if (urls.isEmpty()) {
            throw new ConfigException(MQTT_URL + " is empty; expected e.g. " + AgentConfig.DEFAULT_MQTT_URL
                    + " or a comma-separated list of brokers");
        }
        for (String url : urls) {
            checkMqttUrl(url);
        }
        if (new HashSet<>(urls).size() < urls.size()) {
            throw new ConfigException(MQTT_URL + " '" + listed.trim() + "' names a broker twice");
        }
        return String.join(",", urls);
    }

    private static void checkMqttUrl(String mqttUrl) throws ConfigException {
        try {
            URI uri = new URI(mqttUrl);
            if (uri.getScheme() == null || !MQTT_SCHEMES.contains(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException(MQTT_URL + " '" + mqttUrl + "' is invalid; expected e.g. "
                        + AgentConfig.DEFAULT_MQTT_URL + " (schemes: tcp, ssl, ws, wss)");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(MQTT_URL + " '" + mqttUrl + "' is not a URL: " + e.getMessage(), e);
        }
    }

    private static int parseWillDelay(String value) throws ConfigException {
        if (value == null || value.isBlank()) {
            return AgentConfig.DEFAULT_WILL_DELAY_SECONDS;
        }
        try {
            int seconds = Integer.parseInt(value.trim());
            if (seconds < 0 || seconds > MAX_WILL_DELAY_SECONDS) {
                throw new ConfigException(WILL_DELAY_SECONDS + " must be between 0 and " + MAX_WILL_DELAY_SECONDS);
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new ConfigException(WILL_DELAY_SECONDS + " '" + value + "' is not a whole number of seconds", e);
        }
    }

    private static long parseLong(Map<String, String> values, String key, long defaultValue, long min, long max)
            throws ConfigException {
        String value = blankToNull(values.get(key));
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min || parsed > max) {
                throw new ConfigException(key + " must be between " + min + " and " + max + ", not " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " '" + value + "' is not a whole number", e);
        }
    }

    private static Path optionalPath(Map<String, String> values, String key) throws ConfigException {
        String value = blankToNull(values.get(key));
        if (value == null) {
            return null;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigException(key + " '" + value + "' is not a valid path: " + e.getMessage(), e);
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
