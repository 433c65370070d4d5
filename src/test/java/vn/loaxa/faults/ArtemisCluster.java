package vn.loaxa.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import vn.loaxa.support.StackResource;

/**
 * Two Apache ActiveMQ Artemis nodes on free ports of 127.0.0.1, clustered with the configuration of
 * {@code infra/artemis} (its broker.xml, users and roles), from the distribution that the faults profile unpacks
 * ({@code loaxa.artemis.home}). Each node is an instance made by {@code artemis create} whose etc/ then receives the
 * infra files; the ports are the system properties that broker.xml reads.
 */
final class ArtemisCluster implements AutoCloseable {

    /** One node: its instance folder, its MQTT port and its process. */
    static final class Node {
        private final Path instance;
        private final int mqttPort;
        private final int corePort;
        private final int peerCorePort;
        private Process process;

        private Node(Path instance, int mqttPort, int corePort, int peerCorePort) {
            this.instance = instance;
            this.mqttPort = mqttPort;
            this.corePort = corePort;
            this.peerCorePort = peerCorePort;
        }

        String url() {
            return "tcp://127.0.0.1:" + mqttPort;
        }

        Path log() {
            return instance.resolve("log").resolve("artemis.log");
        }

        boolean alive() {
            return process != null && process.isAlive();
        }

        /** SIGKILL, as when the machine under the node fails. */
        void kill() {
            Processes.appendMarker(instance.resolve("console.log"), "killing the node (SIGKILL)");
            Processes.kill(process);
        }

        /** Starts the node (again) on its instance, and returns once its bridge to the peer, and the peer's to it, are up. */
        void begin(Node peer) {
            long before = bridges();
            long peerBefore = peer.bridges();
            start();
            awaitBridged(before);
            await("Artemis " + peer.instance.getFileName() + " bridged again to " + instance.getFileName())
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> peer.bridges() > peerBefore || !peer.alive());
        }

        /** Deletes the node's data folder: its journal with the retained messages and the sessions, as a new disk. */
        void wipeData() {
            if (alive()) {
                throw new IllegalStateException("stop the node before wiping its data");
            }
            FaultStack.deleteRecursively(instance.resolve("data"));
        }

        private void awaitBridged(long before) {
            await("Artemis " + instance.getFileName() + " bridged to its peer")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> bridges() > before || !alive());
            if (!alive()) {
                throw new IllegalStateException("Artemis did not start:\n" + Processes.tail(log()));
            }
        }

        private void start() {
            String javaArgs = "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                    + " -Dloaxa.artemis.mqtt-port=" + mqttPort
                    + " -Dloaxa.artemis.core-port=" + corePort
                    + " -Dloaxa.artemis.peer-core-port=" + peerCorePort
                    + " -Dloaxa.artemis.cluster-password=cluster-secret";
            process = Processes.start(
                    List.of(instance.resolve("bin/artemis").toString(), "run"),
                    Map.of("JAVA_ARGS", javaArgs),
                    instance.resolve("console.log"));
        }

        /** How many times this node's log says its bridge to the peer came up (the log survives restarts). */
        private long bridges() {
            try {
                return Files.exists(log())
                        ? Files.readAllLines(log()).stream()
                                .filter(line -> line.contains("AMQ221027"))
                                .count()
                        : 0;
            } catch (IOException e) {
                return 0;
            }
        }
    }

    private static final Path INFRA =
            Path.of(System.getProperty("loaxa.infra", "infra")).resolve("artemis");

    private final Path dir;
    private final List<Node> nodes;

    private ArtemisCluster(Path dir, List<Node> nodes) {
        this.dir = dir;
        this.nodes = nodes;
    }

    /** Creates both instances, starts them, and returns once each has its bridge to the other. */
    static ArtemisCluster start(Path dir) {
        Path home = Path.of(System.getProperty("loaxa.artemis.home", "target/artemis/apache-artemis-2.40.0"));
        Path infra = INFRA;
        if (!Files.isExecutable(home.resolve("bin/artemis"))) {
            throw new IllegalStateException(home + " holds no Artemis; run with -Pfaults (it unpacks it)");
        }
        int core1 = StackResource.freePort();
        int core2 = StackResource.freePort();
        List<Node> nodes = List.of(
                new Node(dir.resolve("node-1"), StackResource.freePort(), core1, core2),
                new Node(dir.resolve("node-2"), StackResource.freePort(), core2, core1));
        ArtemisCluster cluster = new ArtemisCluster(dir, nodes);
        try {
            Files.createDirectories(dir);
            // each create is a JVM of its own of a few seconds: both at once
            List<CompletableFuture<Void>> created = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                Path brokerXml = infra.resolve("node-" + (i + 1)).resolve("broker.xml");
                created.add(CompletableFuture.runAsync(() -> create(home, infra, brokerXml, node, dir)));
            }
            created.forEach(CompletableFuture::join);
            nodes.forEach(Node::start);
            nodes.forEach(node -> node.awaitBridged(0));
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static void create(Path home, Path infra, Path brokerXml, Node node, Path dir) {
        Processes.run(
                List.of(
                        home.resolve("bin/artemis").toString(),
                        "create",
                        node.instance.toString(),
                        "--silent",
                        "--force",
                        "--user",
                        "admin",
                        "--password",
                        "admin-secret",
                        "--require-login",
                        "--no-web",
                        "--no-autotune",
                        "--nio",
                        "--no-fsync",
                        "--host",
                        "127.0.0.1"),
                Map.of("JAVA_ARGS", "-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"),
                dir.resolve(node.instance.getFileName() + "-create.log"));
        try {
            Path etc = node.instance.resolve("etc");
            Files.copy(brokerXml, etc.resolve("broker.xml"), StandardCopyOption.REPLACE_EXISTING);
            for (String file : List.of("artemis-users.properties", "artemis-roles.properties")) {
                Files.copy(infra.resolve(file), etc.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Node node(int number) {
        return nodes.get(number - 1);
    }

    List<Node> nodes() {
        return nodes;
    }

    /** The other node of the two. */
    Node peer(Node node) {
        return nodes.get(0) == node ? nodes.get(1) : nodes.get(0);
    }

    /**
     * Gives both nodes the logins and topic permissions of these server replicas and receivers, with
     * {@code infra/artemis/bin/loaxa-artemis-security}; the nodes reload them within about 5 s.
     *
     * @param receivers id to its secret and area chain
     */
    void secure(
            String topicPrefix, Map<String, Map.Entry<String, List<String>>> receivers, Map<String, String> servers) {
        try {
            Path receiversFile = dir.resolve("receivers.txt");
            Path serversFile = dir.resolve("servers.txt");
            StringBuilder lines = new StringBuilder();
            receivers.forEach((id, secret) -> lines.append(id)
                    .append(' ')
                    .append(secret.getKey())
                    .append(' ')
                    .append(String.join(",", secret.getValue()))
                    .append('\n'));
            Files.writeString(receiversFile, lines);
            StringBuilder logins = new StringBuilder("admin admin admin-secret\n");
            servers.forEach((user, password) ->
                    logins.append(user).append(' ').append(password).append('\n'));
            Files.writeString(serversFile, logins);
            for (Node node : nodes) {
                Processes.run(
                        List.of(
                                INFRA.resolve("bin/loaxa-artemis-security").toString(),
                                topicPrefix,
                                receiversFile.toString(),
                                serversFile.toString(),
                                node.instance.resolve("etc").toString()),
                        dir.resolve("security.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills both nodes and deletes their folders. */
    @Override
    public void close() {
        nodes.stream().filter(Node::alive).forEach(Node::kill);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
