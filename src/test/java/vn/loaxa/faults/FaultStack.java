package vn.loaxa.faults;

import static org.awaitility.Awaitility.await;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import vn.loaxa.support.StackResource;

/**
 * What the faults act on (the two stacks run side by side): a throwaway PostgreSQL, a broker (the suite's own
 * Mosquitto, or the server's embedded HiveMQ CE), the packaged server, and agents: three agent processes of two
 * receivers each and one {@code --fleet} process of thirty. One stack per broker kind is started for the whole run and stopped when the JVM ends.
 */
final class FaultStack implements Observed, AutoCloseable {
    static final String AREA = "F";
    static final int FLEET_SIZE = 30;
    private static final Path ROOT = Path.of("target", "faults");
    private static final Object MOSQUITTO_STACK = new Object();
    private static final Object EMBEDDED_STACK = new Object();
    private static FaultStack mosquittoStack;
    private static FaultStack embeddedStack;

    private final String name;
    private final Path dir;
    private final ThrowawayPostgres postgres;
    private final String database;
    private final OwnMosquitto mosquitto;
    private final ServerProcess server;
    private final String brokerUrl;
    private final String topicPrefix;
    private final List<AgentProcesses> agents = new ArrayList<>();
    private final ServerApi api;

    private FaultStack(
            String name,
            Path dir,
            ThrowawayPostgres postgres,
            String database,
            OwnMosquitto mosquitto,
            ServerProcess server,
            String brokerUrl,
            String topicPrefix) {
        this.name = name;
        this.database = database;
        this.brokerUrl = brokerUrl;
        this.dir = dir;
        this.postgres = postgres;
        this.mosquitto = mosquitto;
        this.server = server;
        this.topicPrefix = topicPrefix;
        this.api = new ServerApi(server::baseUrl);
    }

    /** The stack on the suite's own Mosquitto (started once per run). */
    static FaultStack onMosquitto() {
        synchronized (MOSQUITTO_STACK) {
            if (mosquittoStack == null) {
                mosquittoStack = create("mosquitto", true);
            }
            return mosquittoStack;
        }
    }

    /** The stack on the server's embedded HiveMQ CE broker (started once per run). */
    static FaultStack onEmbeddedBroker() {
        synchronized (EMBEDDED_STACK) {
            if (embeddedStack == null) {
                embeddedStack = create("embedded", false);
            }
            return embeddedStack;
        }
    }

    private static FaultStack create(String name, boolean externalBroker) {
        Path dir = ROOT.resolve(name).toAbsolutePath();
        deleteRecursively(dir);
        ThrowawayPostgres postgres = ThrowawayPostgres.start();
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        String database = "loaxa_faults_" + name;
        postgres.createDatabase(database);
        OwnMosquitto mosquitto = externalBroker ? OwnMosquitto.anonymous(dir.resolve("mosquitto")) : null;
        int embeddedPort = StackResource.freePort();
        String prefix = "loaxa-faults-" + UUID.randomUUID().toString().substring(0, 8);
        ServerProcess server;
        try {
            server = ServerProcess.start(
                    dir, postgres.jdbcUrl(database), mosquitto == null ? null : mosquitto.url(), embeddedPort, prefix);
        } catch (RuntimeException e) {
            if (mosquitto != null) {
                mosquitto.close();
            }
            throw e;
        }
        FaultStack stack = new FaultStack(
                name,
                dir,
                postgres,
                database,
                mosquitto,
                server,
                mosquitto == null ? "tcp://127.0.0.1:" + embeddedPort : mosquitto.url(),
                prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        try {
            stack.populate();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void populate() {
        api.populate(AREA);
        for (int i = 1; i <= 3; i++) {
            startAgents("agent-" + i, provision("p" + i, 2), List.of(), null);
        }
        startAgents("fleet", provision("fl", FLEET_SIZE), List.of(), null);
        awaitOnline(baseReceivers(), Duration.ofSeconds(120));
    }

    /** A request to this stack's server as the admin (the stacks run side by side, so never REST Assured's global). */
    RequestSpecification admin() {
        return api.admin();
    }

    /** Provisions {@code count} receivers {@code f-<tag>-NN} in the stack's area; returns id to secret. */
    Map<String, String> provision(String tag, int count) {
        return api.provision(AREA, tag, count);
    }

    /** Starts one agent process for the receivers; {@code mqttUrl} null means the stack's broker. */
    AgentProcesses startAgents(String processName, Map<String, String> secrets, List<String> extra, String mqttUrl) {
        return startAgents(processName, secrets, List.of(), extra, mqttUrl);
    }

    AgentProcesses startAgents(
            String processName,
            Map<String, String> secrets,
            List<String> jvmOptions,
            List<String> extra,
            String mqttUrl) {
        List<String> keys = api.signingKeys();
        AgentProcesses process = AgentProcesses.start(
                processName,
                secrets,
                dir.resolve("agents").resolve(processName),
                mqttUrl == null ? brokerUrl : mqttUrl,
                server.baseUrl(),
                topicPrefix,
                keys,
                jvmOptions,
                extra);
        agents.add(process);
        return process;
    }

    /** The receivers of the three agent processes and the fleet started with the stack. */
    List<String> baseReceivers() {
        return agents.stream()
                .filter(a -> a.name().startsWith("agent-") || a.name().equals("fleet"))
                .flatMap(a -> a.receivers().stream())
                .toList();
    }

    AgentProcesses agents(String processName) {
        return agents.stream()
                .filter(a -> a.name().equals(processName))
                .findFirst()
                .orElseThrow();
    }

    @Override
    public List<AgentProcesses> allAgents() {
        return List.copyOf(agents);
    }

    void awaitOnline(List<String> receiverIds, Duration atMost) {
        await("receivers online on " + name)
                .atMost(atMost)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    for (AgentProcesses agent : agents) {
                        if (!agent.alive()) {
                            throw new IllegalStateException(agent.name() + " exited:\n" + Processes.tail(agent.log()));
                        }
                    }
                    return receiverIds.stream().allMatch(api::online);
                });
    }

    /**
     * Before a fault: the server and every base agent run and are connected, whatever an earlier fault left behind
     * (a fault that fails may leave a process down).
     */
    void ensureRunning() {
        if (mosquitto != null && !Processes.listening(mosquitto.port())) {
            mosquitto.begin();
        }
        if (!server.alive()) {
            server.begin();
        }
        server.awaitReady();
        for (AgentProcesses agent : agents) {
            if (!agent.alive() && baseReceivers().containsAll(agent.receivers())) {
                agent.begin();
            }
        }
        awaitOnline(baseReceivers(), Duration.ofSeconds(120));
    }

    /** An approved single-segment bulletin of a sine tone of the given length (uploaded once per length). */
    String bulletin(int seconds) {
        return api.bulletin(seconds);
    }

    /** Schedules the bulletin on exactly these receivers at {@code playAt}, with its own late-start grace. */
    String broadcast(String bulletinId, List<String> receivers, Instant playAt, Duration grace) {
        return api.broadcast(bulletinId, receivers, playAt, grace);
    }

    /** A weekly series of {@code count} occurrences, the first at {@code playAt}. */
    String weeklySeries(String bulletinId, List<String> receivers, Instant playAt, Duration grace, int count) {
        return api.weeklySeries(bulletinId, receivers, playAt, grace, count);
    }

    /** The broadcast's occurrences as the API shows them (id, playAt, dispatchedAt, ...). */
    List<Map<String, Object>> occurrences(String broadcastId) {
        return api.occurrences(broadcastId);
    }

    /** Whether Quartz holds the dispatch trigger of an occurrence, read from its tables in the stack's database. */
    boolean dispatchTriggerExists(String occurrenceId) {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), "postgres", "");
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from qrtz_triggers where trigger_name = ? and trigger_group = ?")) {
            query.setString(1, occurrenceId);
            query.setString(2, "occurrence-dispatch");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<Map<String, Object>> deliveries(String broadcastId) {
        return api.deliveries(broadcastId);
    }

    ServerProcess server() {
        return server;
    }

    OwnMosquitto mosquitto() {
        return mosquitto;
    }

    ThrowawayPostgres postgres() {
        return postgres;
    }

    String brokerUrl() {
        return brokerUrl;
    }

    /** For a row's label. */
    String brokerLabel() {
        return mosquitto == null ? "embedded broker" : "Mosquitto";
    }

    int brokerPort() {
        return Integer.parseInt(brokerUrl.substring(brokerUrl.lastIndexOf(':') + 1));
    }

    String topicPrefix() {
        return topicPrefix;
    }

    String name() {
        return name;
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        agents.forEach(AgentProcesses::close);
        server.close();
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
