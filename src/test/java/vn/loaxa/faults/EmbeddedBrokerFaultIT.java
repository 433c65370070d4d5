package vn.loaxa.faults;

import org.junit.jupiter.api.Test;

/**
 * Faults 3 and 4 on the server's embedded HiveMQ CE: when the server is down, so is the broker, and the agents are
 * cut off from both until it returns.
 */
class EmbeddedBrokerFaultIT {

    @Test
    void shouldRecordEveryPlayWhenTheServerAndItsBrokerStopAroundPlayTimes() {
        MosquittoStackFaultIT.assertClean(ServerOutage.run(FaultStack.onEmbeddedBroker(), false, "embedded broker"));
    }
}
