package vn.loaxa.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import vn.loaxa.support.StackResource;

/**
 * Two packaged server replicas on one throwaway PostgreSQL and the two-node Artemis cluster of
 * {@code infra/artemis}, with real agent processes: the stack of {@link ReplicasOnClusterIT}. Replica 1 lists node 1
 * first, replica 2 node 2 first, and so do the agent processes, so that both nodes carry servers and receivers. The
 * replicas share their data folder (the signing key and the media, as on a shared volume) and sit behind one
 * {@link FrontProxy}, the address agents download from and manifests name.
 */
final class ClusterStack implements Observed, AutoCloseable {
    static final String AREA = "F";
    static final String PREFIX = "loaxa-cluster";
    private static final String SERVER_PASSWORD = "server-secret";
    private static final Duration ONLINE = Duration.ofSeconds(120);

    private final Path dir;
    private final ThrowawayPostgres postgres;
    private final ArtemisCluster cluster;
    private final FrontProxy front;
    private final List<ServerProcess> replicas;
    private final ServerApi api;
    private final List<AgentProcesses> agents = new ArrayList<>();
    private final List<AgentProcesses> stopped = new ArrayList<>();

    private ClusterStack(
            Path dir,
            ThrowawayPostgres postgres,
            ArtemisCluster cluster,
            FrontProxy front,
            List<ServerProcess> replicas) {
        this.dir = dir;
        this.postgres = postgres;
        this.cluster = cluster;
        this.front = front;
        this.replicas = replicas;
        this.api = new ServerApi(front::url);
    }

    /**
     * Starts everything; the agent processes serve {@code receivers} each ({@code tag} to count), the first half
     * of the processes with node 1 first in their list.
     */
    static ClusterStack start(Path dir, Map<String, Integer> processes) {
        FaultStack.deleteRecursively(dir);
        // the three slow starts at once: PostgreSQL's initdb, the two Artemis instances, the re-augmentation
        CompletableFuture<ThrowawayPostgres> database = CompletableFuture.supplyAsync(ThrowawayPostgres::start);
        CompletableFuture<ArtemisCluster> brokers =
                CompletableFuture.supplyAsync(() -> ArtemisCluster.start(dir.resolve("artemis")));
        CompletableFuture<Distribution> distribution = CompletableFuture.supplyAsync(Distribution::onPostgres);
        ThrowawayPostgres postgres = null;
        ArtemisCluster cluster = null;
        FrontProxy front = null;
        List<ServerProcess> replicas = new ArrayList<>();
        try {
            postgres = database.join();
            cluster = brokers.join();
            distribution.join();
            postgres.createDatabase("loaxa_cluster");
            List<Integer> ports = List.of(StackResource.freePort(), StackResource.freePort());
            front = new FrontProxy(ports);
            for (int i = 1; i <= 2; i++) {
                replicas.add(replica(dir, i, ports.get(i - 1), postgres, cluster, front));
            }
            ClusterStack stack = new ClusterStack(dir, postgres, cluster, front, replicas);
            stack.populate(processes);
            return stack;
        } catch (IOException | RuntimeException e) {
            replicas.forEach(ServerProcess::close);
            if (front != null) {
                front.close();
            }
            if (cluster != null) {
                cluster.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static ServerProcess replica(
            Path dir, int number, int httpPort, ThrowawayPostgres postgres, ArtemisCluster cluster, FrontProxy front) {
        Path replicaDir = dir.resolve("replica-" + number);
        Map<String, String> config =
                ServerProcess.config(replicaDir, httpPort, postgres.jdbcUrl("loaxa_cluster"), PREFIX);
        config.put("loaxa.data-dir", dir.resolve("shared-data").toAbsolutePath().toString());
        config.put("loaxa.public-base-url", front.url());
        ArtemisCluster.Node first = cluster.node(number);
        config.put("loaxa.mqtt.url", first.url() + "," + cluster.peer(first).url());
        config.put("loaxa.mqtt.username", "loaxa-server-" + number);
        config.put("loaxa.mqtt.password", SERVER_PASSWORD);
        config.put("loaxa.mqtt.client-id", "loaxa-server-" + number);
        return ServerProcess.start(Distribution.onPostgres(), config, replicaDir, httpPort);
    }

    private void populate(Map<String, Integer> processes) {
        api.populate(AREA);
        Map<String, Map<String, String>> byProcess = new LinkedHashMap<>();
        Map<String, Map.Entry<String, List<String>>> receivers = new LinkedHashMap<>();
        processes.forEach((tag, count) -> {
            Map<String, String> secrets = api.provision(AREA, tag, count);
            byProcess.put(tag, secrets);
            secrets.forEach((id, secret) -> receivers.put(id, Map.entry(secret, List.of(AREA))));
        });
        cluster.secure(PREFIX, receivers, Map.of("loaxa-server-1", SERVER_PASSWORD, "loaxa-server-2", SERVER_PASSWORD));
        Map.Entry<String, Map.Entry<String, List<String>>> probe =
                receivers.entrySet().iterator().next();
        awaitAdmitted(probe.getKey(), probe.getValue().getKey());
        List<String> tags = List.copyOf(byProcess.keySet());
        for (int i = 0; i < tags.size(); i++) {
            startAgents("agent-" + tags.get(i), byProcess.get(tags.get(i)), i < (tags.size() + 1) / 2 ? 1 : 2, "");
        }
        awaitOnline(receivers());
    }

    /**
     * Waits until both nodes have reloaded the generated logins and permissions: a receiver's credentials connect
     * and may subscribe to its own manifest topic.
     */
    private void awaitAdmitted(String receiverId, String secret) {
        for (int number = 1; number <= 2; number++) {
            String url = cluster.node(number).url();
            await("the receivers' logins and permissions on " + url)
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> admitted(url, receiverId, secret));
        }
    }

    private static boolean admitted(String url, String receiverId, String secret) {
        MqttClient client = null;
        try {
            client = new MqttClient(url, receiverId + "-probe", new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(receiverId);
            options.setPassword(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            options.setCleanStart(true);
            options.setConnectionTimeout(5);
            client.connect(options);
            var token = client.subscribe(
                    new MqttSubscription[] {new MqttSubscription(PREFIX + "/v1/rx/" + receiverId + "/manifest", 1)},
                    null);
            return token.getReasonCodes()[0] < 0x80;
        } catch (MqttException notYet) {
            return false;
        } finally {
            if (client != null) {
                try {
                    if (client.isConnected()) {
                        client.disconnect();
                    }
                    client.close();
                } catch (MqttException ignored) {
                    // a probe only
                }
            }
        }
    }

    /**
     * Starts an agent process for these receivers with both nodes, {@code firstNode} first, and a cache of its own
     * ({@code suffix} tells a second process for the same receivers from the first).
     */
    AgentProcesses startAgents(String name, Map<String, String> secrets, int firstNode, String suffix) {
        ArtemisCluster.Node first = cluster.node(firstNode);
        AgentProcesses process = AgentProcesses.start(
                name + suffix,
                secrets,
                dir.resolve("agents").resolve(name + suffix),
                first.url() + "," + cluster.peer(first).url(),
                front.url(),
                PREFIX,
                api.signingKeys(),
                List.of(),
                List.of());
        agents.add(process);
        return process;
    }

    /** Every receiver of the stack. */
    List<String> receivers() {
        return agents.stream()
                .filter(AgentProcesses::alive)
                .flatMap(a -> a.receivers().stream())
                .distinct()
                .toList();
    }

    void awaitOnline(List<String> receiverIds) {
        await("receivers online")
                .atMost(ONLINE)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    for (AgentProcesses agent : agents) {
                        if (!agent.alive() && agent.log().toFile().exists() && !stopped.contains(agent)) {
                            throw new IllegalStateException(agent.name() + " exited:\n" + Processes.tail(agent.log()));
                        }
                    }
                    return receiverIds.stream().allMatch(api::online);
                });
    }

    /** Stops an agent process for good (SIGTERM), e.g. before another takes over its receivers. */
    void retire(AgentProcesses agent) {
        stopped.add(agent);
        agent.halt();
    }

    ServerApi api() {
        return api;
    }

    ServerProcess replica(int number) {
        return replicas.get(number - 1);
    }

    ArtemisCluster cluster() {
        return cluster;
    }

    List<AgentProcesses> agents() {
        return agents.stream().filter(a -> !stopped.contains(a)).toList();
    }

    @Override
    public List<AgentProcesses> allAgents() {
        return List.copyOf(agents);
    }

    @Override
    public List<Map<String, Object>> deliveries(String broadcastId) {
        return api.deliveries(broadcastId);
    }

    /** Stops every process and deletes every folder. */
    @Override
    public void close() {
        agents.forEach(AgentProcesses::close);
        replicas.forEach(ServerProcess::close);
        front.close();
        if (Boolean.getBoolean("loaxa.cluster.keep")) {
            cluster.nodes().forEach(node -> {
                if (node.alive()) {
                    node.kill();
                }
            });
        } else {
            cluster.close();
        }
        postgres.close();
        if (!Boolean.getBoolean("loaxa.cluster.keep")) {
            FaultStack.deleteRecursively(dir);
        }
    }
}
