package vn.loaxa.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What a fault expects of each delivery it covers, and the row that compares it with what the agents logged and the
 * server stored.
 */
final class Outcome {
    private static final Set<String> FINAL = Set.of("PLAYED", "FAILED", "MISSED", "PREEMPTED", "CANCELLED");
    private static final int NOTES = 6;

    private final Observed stack;
    /** broadcast id to (receiver id to expected state) */
    private final Map<String, Map<String, String>> expected = new LinkedHashMap<>();

    Outcome(Observed stack) {
        this.stack = stack;
    }

    Outcome expect(String broadcastId, Collection<String> receivers, String state) {
        Map<String, String> states = expected.computeIfAbsent(broadcastId, id -> new LinkedHashMap<>());
        receivers.forEach(receiver -> states.put(receiver, state));
        return this;
    }

    /** Waits, at most {@code bound}, until every delivery holds its expected state; a timeout shows in the row. */
    Outcome awaitExpected(Duration bound) {
        try {
            await("expected delivery states")
                    .atMost(bound)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(this::met);
        } catch (ConditionTimeoutException e) {
            System.out.println("not every delivery reached its expected state within " + bound);
        }
        return this;
    }

    private boolean met() {
        for (Map.Entry<String, Map<String, String>> broadcast : expected.entrySet()) {
            Map<String, String> stored = storedStates(broadcast.getKey());
            for (Map.Entry<String, String> want : broadcast.getValue().entrySet()) {
                if (!want.getValue().equals(stored.get(want.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Compares, delivery by delivery, and adds the row to the table. */
    FaultRow row(String fault, String label) {
        Map<String, List<String>> logged = new HashMap<>();
        for (AgentProcesses agent : stack.allAgents()) {
            for (AgentProcesses.LoggedEvent event : agent.events()) {
                logged.computeIfAbsent(event.occurrenceId() + "/" + event.receiverId(), key -> new ArrayList<>())
                        .add(event.event());
            }
        }
        int receivers = 0;
        int plays = 0;
        int played = 0;
        int lost = 0;
        int duplicated = 0;
        int wrong = 0;
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> broadcast : expected.entrySet()) {
            Map<String, Map<String, Object>> rows = new HashMap<>();
            stack.deliveries(broadcast.getKey()).forEach(row -> rows.put((String) row.get("receiverId"), row));
            for (Map.Entry<String, String> want : broadcast.getValue().entrySet()) {
                receivers++;
                Map<String, Object> row = rows.get(want.getKey());
                if (row == null) {
                    wrong++;
                    note(notes, want.getKey() + ": no delivery stored");
                    continue;
                }
                String state = (String) row.get("state");
                List<String> events = logged.getOrDefault(row.get("occurrenceId") + "/" + want.getKey(), List.of());
                if (events.contains("PLAYED")) {
                    plays++;
                }
                if ("PLAYED".equals(state)) {
                    played++;
                }
                if (events.stream().filter("PLAYING"::equals).count() > 1
                        || events.stream().filter("PLAYED"::equals).count() > 1) {
                    duplicated++;
                    note(notes, want.getKey() + " started or finished twice: " + events);
                }
                String agentFinal = events.stream()
                        .filter(FINAL::contains)
                        .reduce((a, b) -> b)
                        .orElse(null);
                if (agentFinal != null && !agentFinal.equals(state)) {
                    lost++;
                    note(
                            notes,
                            want.getKey() + ": agent logged " + agentFinal + ", server holds " + state + reason(row));
                } else if (!want.getValue().equals(state)) {
                    wrong++;
                    note(
                            notes,
                            want.getKey() + ": expected " + want.getValue() + ", server holds " + state + reason(row)
                                    + ", agent logged " + events);
                }
            }
        }
        FaultRow row = new FaultRow(fault, label, receivers, plays, played, lost, duplicated, wrong, notes);
        FaultTable.add(row);
        return row;
    }

    private Map<String, String> storedStates(String broadcastId) {
        Map<String, String> states = new HashMap<>();
        stack.deliveries(broadcastId)
                .forEach(row -> states.put((String) row.get("receiverId"), (String) row.get("state")));
        return states;
    }

    private static String reason(Map<String, Object> row) {
        return row.get("reason") == null ? "" : " (" + row.get("reason") + ")";
    }

    private static void note(List<String> notes, String note) {
        if (notes.size() < NOTES) {
            notes.add(note);
        }
    }

    /** Waits for a moment of the fault's schedule (an outage's end, a play time) instead of sleeping. */
    static void at(Instant moment) {
        Duration wait = Duration.between(Instant.now(), moment);
        if (wait.isNegative()) {
            return;
        }
        await("until " + moment)
                .atMost(wait.plusSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !Instant.now().isBefore(moment));
    }
}
