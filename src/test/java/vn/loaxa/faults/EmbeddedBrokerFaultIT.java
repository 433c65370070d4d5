package vn.loaxa.faults;

import static vn.loaxa.faults.MosquittoStackFaultIT.assertClean;

import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults on the PostgreSQL + embedded broker stack (docs/reliability.md), side by side with
 * {@link MosquittoStackFaultIT}: 3 and 4 with SIGTERM (when the server is down, so is its HiveMQ CE, and the agents
 * are cut off from both until it returns), then the faults that act on agents and events (2, 6, 7, 8, 9).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedBrokerFaultIT {

    @Test
    @Order(1)
    void shouldRecordEveryPlayWhenTheServerAndItsBrokerStopAroundPlayTimes() {
        assertClean(ServerOutage.run(FaultStack.onEmbeddedBroker(), false, "embedded broker"));
    }

    /** Faults 2, 6, 7 and 8 (see {@link AgentFaults}), on separate receivers with one play time. */
    @Test
    @Order(2)
    void shouldKeepEveryDeliveryTrueWhenAgentsGoOfflineDieRunWrongClocksOrArePartitioned() {
        assertClean(AgentFaults.run(FaultStack.onEmbeddedBroker()));
    }

    /** Fault 9 (see {@link EventAbuse}). */
    @Test
    @Order(3)
    void shouldHoldOneTruePlayAgainstDuplicatedReorderedAndReplayedEvents() throws Exception {
        assertClean(List.of(EventAbuse.duplicatedReorderedReplayed(FaultStack.onEmbeddedBroker())));
    }

    @Test
    @Order(4)
    void shouldConfineAReceiversCredentialsToItsOwnTopicsAndClientIdOnTheShippedMosquittoConfig() throws Exception {
        assertClean(List.of(EventAbuse.credentialsAgainstAnotherReceiver(FaultStack.onEmbeddedBroker())));
    }
}
