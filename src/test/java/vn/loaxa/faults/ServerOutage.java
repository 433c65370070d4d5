package vn.loaxa.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Faults 3 and 4: the server goes down (SIGKILL or SIGTERM) with three occurrences pending, each for a third of the
 * receivers, and comes back after the first one's window has closed, after the second one's play time (inside its
 * window) and before the third one's play time. Every delivery must end PLAYED: the agents play without the server,
 * and what they report must reach it.
 */
final class ServerOutage {
    /** The window closes at play time + grace + length + the server's 60 s confirmation margin. */
    private static final Duration SHORT_GRACE = Duration.ofSeconds(5);
    /** Long enough that the occurrence playing during the outage is still inside its window when the server is back. */
    private static final Duration LONG_GRACE = Duration.ofSeconds(30);

    private static final int AUDIO_SECONDS = 3;

    private ServerOutage() {}

    static List<FaultRow> run(FaultStack stack, boolean kill, String brokerLabel) {
        stack.ensureRunning();
        String bulletin = stack.bulletin(AUDIO_SECONDS);
        List<List<String>> groups = thirds(stack.baseReceivers());
        // window ends: after down + 73 s; inside down + 138 s; the server (re)starts at down + 75 s and may take
        // 40 s to be ready on a busy box
        Instant down = Instant.now().plusSeconds(25);
        Instant afterWindowPlay = down.plusSeconds(5);
        Instant insideWindowPlay = down.plusSeconds(45);
        Instant up = down.plusSeconds(75);
        Instant beforePlay = up.plusSeconds(50);
        String after = stack.broadcast(bulletin, groups.get(0), afterWindowPlay, SHORT_GRACE);
        String inside = stack.broadcast(bulletin, groups.get(1), insideWindowPlay, LONG_GRACE);
        String before = stack.broadcast(bulletin, groups.get(2), beforePlay, SHORT_GRACE);
        awaitDownloaded(stack, Map.of(after, groups.get(0), inside, groups.get(1), before, groups.get(2)));

        Outcome.at(down);
        if (kill) {
            stack.server().kill();
        } else {
            stack.server().halt();
        }
        Outcome.at(up);
        stack.server().begin();

        String how = kill ? "kill -9" : "SIGTERM";
        List<FaultRow> rows = new ArrayList<>();
        Outcome afterOutcome = new Outcome(stack).expect(after, groups.get(0), "PLAYED");
        Outcome insideOutcome = new Outcome(stack).expect(inside, groups.get(1), "PLAYED");
        Outcome beforeOutcome = new Outcome(stack).expect(before, groups.get(2), "PLAYED");
        afterOutcome.awaitExpected(Duration.ofSeconds(60));
        insideOutcome.awaitExpected(Duration.ofSeconds(10));
        Outcome.at(beforePlay);
        beforeOutcome.awaitExpected(Duration.ofSeconds(40));
        rows.add(afterOutcome.row("3", how + ", back after the window closed (" + brokerLabel + ")"));
        rows.add(insideOutcome.row(
                "4", how + " before the play time, back after it, inside the window (" + brokerLabel + ")"));
        rows.add(beforeOutcome.row("3", how + ", back before the play time (" + brokerLabel + ")"));
        return rows;
    }

    /** Before the fault, every receiver holds the manifest and the audio (so the fault is the only obstacle). */
    static void awaitDownloaded(Observed stack, Map<String, List<String>> broadcasts) {
        try {
            await("deliveries downloaded")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> broadcasts.keySet().stream()
                            .allMatch(id -> stack.deliveries(id).stream()
                                    .allMatch(row -> !"SCHEDULED".equals(row.get("state"))
                                            && !"DELIVERED".equals(row.get("state")))));
        } catch (ConditionTimeoutException e) {
            System.out.println("not every receiver reported DOWNLOADED before the fault; going on");
        }
    }

    static List<List<String>> thirds(List<String> receivers) {
        List<List<String>> groups = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < receivers.size(); i++) {
            groups.get(i % 3).add(receivers.get(i));
        }
        return groups;
    }
}
