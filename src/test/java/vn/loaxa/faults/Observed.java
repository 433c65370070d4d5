package vn.loaxa.faults;

import java.util.List;
import java.util.Map;

/** What an {@link Outcome} compares: the events the agents of a stack logged and the deliveries its server stored. */
interface Observed {
    List<AgentProcesses> allAgents();

    /** The stored delivery rows of a broadcast (receiverId, occurrenceId, state, reason, ...). */
    List<Map<String, Object>> deliveries(String broadcastId);
}
