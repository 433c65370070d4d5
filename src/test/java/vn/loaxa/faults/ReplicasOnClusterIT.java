package vn.loaxa.faults;

import static vn.loaxa.faults.MosquittoStackFaultIT.assertClean;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two packaged server replicas on one PostgreSQL and the two-node Artemis cluster, with real agents given both
 * nodes ({@link ClusterStack}), under the faults of the replicated setup (docs/reliability.md, profile
 * {@code -Pcluster}): a replica killed during a dispatch and during a confirmation wave, a broker node killed, and a
 * broker node restarted with its retained store wiped. Each fault adds its row to {@code target/faults/table.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasOnClusterIT {
    private static final Path DIR = Path.of("target", "faults", "cluster").toAbsolutePath();
    /** Agent processes (tag to receivers); the first two list node 1 first, the last two node 2 first. */
    private static final Map<String, Integer> PROCESSES = new LinkedHashMap<>(Map.of());

    static {
        PROCESSES.put("a", 3);
        PROCESSES.put("fl", 8);
        PROCESSES.put("b", 3);
        PROCESSES.put("fm", 8);
    }

    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(5);
    private static final String CLUSTER = "2 replicas, 2 Artemis nodes";

    private static ClusterStack stack;
    private static long started;

    @BeforeAll
    static void startStack() {
        started = System.nanoTime();
        stack = ClusterStack.start(DIR, PROCESSES);
        System.out.printf("cluster stack up in %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        System.out.printf("ReplicasOnClusterIT took %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
    }

    /** Fault 10a: the replica that takes the broadcast is killed as its dispatch fires; the other one completes it. */
    @Test
    @Order(1)
    void shouldCompleteTheDispatchOfAReplicaKilledWhileItDispatches() {
        String bulletin = stack.api().bulletin(3);
        List<String> receivers = stack.receivers();
        Instant playAt = Instant.now().plusSeconds(40);
        // the front sends the request to replica 1, whose scheduler is told of the new trigger at once
        String broadcast = stack.api().broadcast(bulletin, receivers, playAt, GRACE);
        stack.replica(1).kill();
        boolean dispatchedBeforeKill = stack.replica(1).logText().contains("Dispatched occurrence");

        FaultRow row = new Outcome(stack)
                .expect(broadcast, receivers, "PLAYED")
                .awaitExpected(Duration.between(Instant.now(), playAt).plusSeconds(40))
                .row(
                        "10",
                        "replica 1 killed (SIGKILL) as its dispatch to %d receivers fired%s (%s)"
                                .formatted(
                                        receivers.size(),
                                        dispatchedBeforeKill ? ", after it logged the dispatch" : "",
                                        CLUSTER));
        stack.replica(1).begin();
        assertClean(List.of(row));
    }

    /** Fault 10b: a replica is killed while the receivers' PLAYING and PLAYED events stream in. */
    @Test
    @Order(2)
    void shouldStoreEveryEventOnceWhenAReplicaIsKilledDuringAConfirmationWave() {
        ensureReplicas();
        String bulletin = stack.api().bulletin(3);
        List<String> receivers = stack.receivers();
        Instant playAt = Instant.now().plusSeconds(20);
        String broadcast = stack.api().broadcast(bulletin, receivers, playAt, GRACE);
        ServerOutage.awaitDownloaded(stack, Map.of(broadcast, receivers));
        // PLAYING at the play time, PLAYED 3 s later: the kill falls between the two
        Outcome.at(playAt.plusMillis(1500));
        stack.replica(2).kill();

        FaultRow row = new Outcome(stack)
                .expect(broadcast, receivers, "PLAYED")
                .awaitExpected(Duration.ofSeconds(60))
                .row(
                        "10",
                        "replica 2 killed (SIGKILL) 1.5 s into the play of %d receivers (%s)"
                                .formatted(receivers.size(), CLUSTER));
        stack.replica(2).begin();
        assertClean(List.of(row));
    }

    /** Fault 11: broker node 1 is killed as a dispatch goes out; everyone moves to node 2 and nothing is lost. */
    @Test
    @Order(3)
    void shouldLoseNothingWhenABrokerNodeIsKilled() {
        ensureReplicas();
        String bulletin = stack.api().bulletin(3);
        List<String> receivers = stack.receivers();
        Instant playAt = Instant.now().plusSeconds(30);
        String broadcast = stack.api().broadcast(bulletin, receivers, playAt, GRACE);
        stack.cluster().node(1).kill();

        FaultRow row = new Outcome(stack)
                .expect(broadcast, receivers, "PLAYED")
                .awaitExpected(Duration.between(Instant.now(), playAt).plusSeconds(60))
                .row(
                        "11",
                        "broker node 1 killed (SIGKILL) as a dispatch to %d receivers went out (%s)"
                                .formatted(receivers.size(), CLUSTER));
        assertClean(List.of(row));
    }

    /**
     * Fault 12: node 1 comes back with its data folder deleted (no retained manifests, no sessions), and the agents,
     * restarted with empty caches and node 1 first, hold nothing but what it and catch-up give them: each must hold
     * its manifest within 5 s of connecting, and play.
     */
    @Test
    @Order(4)
    @Disabled("fails: on the wiped node Artemis closes the session of many receivers as they subscribe (AMQ229232"
            + " 'Session is closed'), so their connections drop in a loop; docs/reliability.md, fault 12")
    void shouldGiveEveryAgentItsManifestWithinFiveSecondsOfReconnectingToAWipedNode() {
        ensureReplicas();
        String bulletin = stack.api().bulletin(3);
        List<String> receivers = stack.receivers();
        Instant playAt = Instant.now().plusSeconds(45);
        String broadcast = stack.api().broadcast(bulletin, receivers, playAt, GRACE);
        ServerOutage.awaitDownloaded(stack, Map.of(broadcast, receivers));
        ArtemisCluster.Node node = stack.cluster().node(1);
        if (node.alive()) {
            node.kill();
        }
        node.wipeData();
        node.begin(stack.cluster().peer(node));

        List<AgentProcesses> restarted = new ArrayList<>();
        for (AgentProcesses old : stack.agents()) {
            stack.retire(old);
            restarted.add(stack.startAgents(old.name(), old.secrets(), 1, "-wiped"));
        }
        Map<String, Duration> held = new HashMap<>();
        try {
            Awaitility.await("every restarted agent holds its manifest")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        held.clear();
                        restarted.forEach(agent -> held.putAll(agent.manifestAfterConnect()));
                        return held.keySet().containsAll(receivers);
                    });
        } catch (ConditionTimeoutException e) {
            System.out.println("not every restarted agent applied a manifest within 60 s");
        }
        FaultRow row = new Outcome(stack)
                .expect(broadcast, receivers, "PLAYED")
                .awaitExpected(Duration.between(Instant.now(), playAt).plusSeconds(40))
                .row(
                        "12",
                        "broker node 1 restarted with its data deleted; agents restarted on it with empty caches (%s)"
                                .formatted(CLUSTER));
        List<String> notes = new ArrayList<>(row.notes());
        int late = 0;
        Duration slowest = Duration.ZERO;
        for (String receiver : receivers) {
            Duration took = held.get(receiver);
            if (took != null && took.compareTo(slowest) > 0) {
                slowest = took;
            }
            if (took == null || took.compareTo(CATCH_UP_LIMIT) > 0) {
                late++;
                notes.add(receiver + " held its manifest " + (took == null ? "never" : took.toMillis() + " ms")
                        + " after connecting");
            }
        }
        notes.add("slowest manifest after connecting: " + slowest.toMillis() + " ms");
        FaultRow completed = new FaultRow(
                row.fault(),
                row.label(),
                row.receivers(),
                row.playsLogged(),
                row.playedStored(),
                row.lost(),
                row.duplicated(),
                row.wrong() + late,
                notes);
        FaultTable.replace(row, completed);
        assertClean(List.of(completed));
    }

    /** A fault that failed may leave a replica down: the next one starts with both. */
    private static void ensureReplicas() {
        for (int i = 1; i <= 2; i++) {
            if (!stack.replica(i).alive()) {
                stack.replica(i).begin();
            }
        }
        stack.awaitOnline(stack.receivers());
    }
}
