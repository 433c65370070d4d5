package vn.loaxa.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Faults 2, 6, 7 and 8, which act on agents and not on the server, broker or database, so they share one play time
 * on separate receivers:
 * <ul>
 * <li>2: agent-1 is offline (SIGTERM) through the dispatch and back before the play time; agent-2 likewise, back
 * 8 s after the play time, inside the 30 s grace: every receiver plays (late for agent-2) and ends PLAYED;</li>
 * <li>6: agent-3 is killed (SIGKILL) 2 s into an 8 s play and started again: the interrupted play is reported
 * FAILED (interrupted), never played twice, never lost (device-agent/README.md);</li>
 * <li>7: one receiver's clock runs 3 minutes fast, another's 3 minutes slow: both play at the play time (server
 * time, corrected by the agent's offset measurement), the server records the start within 5 s of it, and their
 * presence follows their connections (offline after a kill, online again after the restart);</li>
 * <li>8: four receivers lose the broker 10 s before the play time for 50 s (a black-holing proxy: nothing forwarded,
 * nothing closed): they play from their cache and every delivery ends PLAYED once the network heals.</li>
 * </ul>
 */
final class AgentFaults {
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration OFFLINE_GRACE = Duration.ofSeconds(30);
    private static final Duration START_TOLERANCE = Duration.ofSeconds(5);

    private AgentFaults() {}

    static List<FaultRow> run(FaultStack stack) {
        stack.ensureRunning();
        String shortBulletin = stack.bulletin(3);
        String longBulletin = stack.bulletin(8);
        AgentProcesses fast = stack.startAgents(
                "clock-fast",
                stack.provision("fast", 1),
                List.of("-Dloaxa.agent.test-clock-skew-seconds=180"),
                List.of("--will-delay-seconds", "2"),
                null);
        AgentProcesses slow = stack.startAgents(
                "clock-slow",
                stack.provision("slow", 1),
                List.of("-Dloaxa.agent.test-clock-skew-seconds=-180"),
                List.of("--will-delay-seconds", "2"),
                null);
        BlackHoleProxy proxy = proxy(stack);
        try {
            AgentProcesses cut = stack.startAgents("partitioned", stack.provision("cut", 4), List.of(), proxy.url());
            List<String> skewed = new ArrayList<>(fast.receivers());
            skewed.addAll(slow.receivers());
            List<String> extra = new ArrayList<>(skewed);
            extra.addAll(cut.receivers());
            stack.awaitOnline(extra, Duration.ofSeconds(90));

            AgentProcesses early = stack.agents("agent-1");
            AgentProcesses late = stack.agents("agent-2");
            AgentProcesses killed = stack.agents("agent-3");
            early.halt();
            late.halt();
            Instant playAt = Instant.now().plusSeconds(40);
            String offlineEarly = stack.broadcast(shortBulletin, List.copyOf(early.receivers()), playAt, OFFLINE_GRACE);
            String offlineLate = stack.broadcast(shortBulletin, List.copyOf(late.receivers()), playAt, OFFLINE_GRACE);
            String killedDuring = stack.broadcast(longBulletin, List.copyOf(killed.receivers()), playAt, GRACE);
            String clocks = stack.broadcast(shortBulletin, skewed, playAt, GRACE);
            String partitioned = stack.broadcast(shortBulletin, List.copyOf(cut.receivers()), playAt, GRACE);
            ServerOutage.awaitDownloaded(
                    stack,
                    Map.of(
                            partitioned,
                            List.copyOf(cut.receivers()),
                            clocks,
                            skewed,
                            killedDuring,
                            List.copyOf(killed.receivers())));

            Outcome.at(playAt.minusSeconds(25));
            early.begin();
            Outcome.at(playAt.minusSeconds(10));
            proxy.partition();
            Outcome.at(playAt.plusSeconds(2));
            killed.kill();
            Outcome.at(playAt.plusSeconds(8));
            killed.begin();
            late.begin();
            Outcome.at(playAt.plusSeconds(12));
            List<String> presence = presenceAcrossRestart(stack, List.of(fast, slow));
            Outcome.at(playAt.plusSeconds(40));
            proxy.heal();

            Duration settle = Duration.ofSeconds(60);
            String on = " (" + stack.brokerLabel() + ")";
            List<FaultRow> rows = new ArrayList<>();
            rows.add(new Outcome(stack)
                    .expect(offlineEarly, early.receivers(), "PLAYED")
                    .awaitExpected(settle)
                    .row("2", "agent offline through the dispatch, back before the play time" + on));
            rows.add(new Outcome(stack)
                    .expect(offlineLate, late.receivers(), "PLAYED")
                    .awaitExpected(settle)
                    .row("2", "agent offline through the dispatch and the play time, back inside the grace" + on));
            rows.add(new Outcome(stack)
                    .expect(killedDuring, killed.receivers(), "FAILED")
                    .awaitExpected(settle)
                    .row("6", "agent killed 2 s into an 8 s play, started again 6 s later" + on));
            FaultRow clockRow = new Outcome(stack)
                    .expect(clocks, skewed, "PLAYED")
                    .awaitExpected(settle)
                    .row("7", "clocks 3 min fast and 3 min slow" + on);
            rows.add(withClockChecks(stack, clockRow, clocks, playAt, presence));
            rows.add(new Outcome(stack)
                    .expect(partitioned, cut.receivers(), "PLAYED")
                    .awaitExpected(settle)
                    .row("8", "4 receivers partitioned from the broker for 50 s across the play time" + on));
            return rows;
        } finally {
            proxy.close();
        }
    }

    /**
     * The skewed agents are killed and started again: the server must show each offline after its Last Will and
     * online again after it reconnects. Returns what went wrong, per receiver.
     */
    private static List<String> presenceAcrossRestart(FaultStack stack, List<AgentProcesses> agents) {
        List<String> ids =
                agents.stream().flatMap(agent -> agent.receivers().stream()).toList();
        List<String> wrong = new ArrayList<>();
        agents.forEach(AgentProcesses::kill);
        awaitPresence(stack, ids, false)
                .forEach(id -> wrong.add(id + " still shown online 30 s after its agent was killed"));
        agents.forEach(AgentProcesses::begin);
        awaitPresence(stack, ids, true)
                .forEach(id -> wrong.add(id + " still shown offline 30 s after its agent came back"));
        return wrong;
    }

    /** Waits (30 s at most) until the server shows every receiver online (or offline); returns those it does not. */
    private static List<String> awaitPresence(FaultStack stack, List<String> receiverIds, boolean online) {
        try {
            await("presence online=" + online)
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> notShown(stack, receiverIds, online).isEmpty());
            return List.of();
        } catch (ConditionTimeoutException e) {
            return notShown(stack, receiverIds, online);
        }
    }

    private static List<String> notShown(FaultStack stack, List<String> receiverIds, boolean online) {
        return receiverIds.stream()
                .filter(id -> !Boolean.valueOf(online)
                        .equals(stack.admin().get("/api/v1/receivers/" + id).<Boolean>path("online")))
                .toList();
    }

    /** Adds to the row's wrong states a start recorded far from the play time and presence that went wrong. */
    private static FaultRow withClockChecks(
            FaultStack stack, FaultRow row, String broadcast, Instant playAt, List<String> presence) {
        List<String> notes = new ArrayList<>(row.notes());
        int wrong = row.wrong();
        for (Map<String, Object> delivery : stack.deliveries(broadcast)) {
            Object started = delivery.get("startedAt");
            if (started != null
                    && Duration.between(
                                            playAt,
                                            OffsetDateTime.parse((String) started)
                                                    .toInstant())
                                    .abs()
                                    .compareTo(START_TOLERANCE)
                            > 0) {
                wrong++;
                notes.add(delivery.get("receiverId") + " recorded as started at " + started + ", play time " + playAt);
            }
        }
        wrong += presence.size();
        notes.addAll(presence);
        FaultRow checked = new FaultRow(
                row.fault(),
                row.label(),
                row.receivers(),
                row.playsLogged(),
                row.playedStored(),
                row.lost(),
                row.duplicated(),
                wrong,
                notes);
        FaultTable.replace(row, checked);
        return checked;
    }

    private static BlackHoleProxy proxy(FaultStack stack) {
        try {
            return new BlackHoleProxy(stack.brokerPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
