package vn.loaxa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import vn.loaxa.support.AgentProcess;
import vn.loaxa.support.EndToEndFixture;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.ParkUntil;

/**
 * P6 across processes (docs/performance.md): {@value #DEFAULT_PROCESSES} or more separate agent processes, each with
 * its own measured clock offset and the default time-sync schedule, are sent the same broadcast round after round.
 * Each agent logs the instant it started the clip on the host's clock, which all processes share; per round every
 * start is compared with the round's median start, and the p99 of those deviations is the figure. Baseline: as many
 * bare JVM processes parking until one instant on the host's clock ({@link ParkUntil}). Runs only on demand:
 * {@code mvn -B test -Dloaxa.perf=true -Dtest=StartSpreadAcrossProcessesBenchmarkTest}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "loaxa.perf", matches = "true")
class StartSpreadAcrossProcessesBenchmarkTest {
    private static final int DEFAULT_PROCESSES = 3;
    private static final int PROCESSES = Integer.getInteger("loaxa.bench.processes", 4);
    private static final int ROUNDS = Integer.getInteger("loaxa.bench.rounds", 10);
    /** How long the agents run before the first counted round: their time sync polls at 0, 2, 4, 8 and 16 s. */
    private static final Duration SETTLE = Duration.ofSeconds(Integer.getInteger("loaxa.bench.settle-seconds", 32));

    private static final Duration LEAD = Duration.ofSeconds(6);
    private static final Pattern STARTED =
            Pattern.compile("(\\S+) started (\\S+) at (\\S+) host clock, due (\\S+) server clock, offset (-?\\d+) us");

    @Inject
    EndToEndFixture e2e;

    @Test
    void measureStartSpreadAcrossAgentProcesses() throws Exception {
        assertThat(PROCESSES).isGreaterThanOrEqualTo(DEFAULT_PROCESSES);
        String[] ids = new String[PROCESSES];
        for (int i = 0; i < PROCESSES; i++) {
            ids[i] = "p6x-rx-" + i;
        }
        Map<String, String> secrets = e2e.commune("P6X", ids);
        String bulletin = e2e.toneBulletin("P6 across processes", 1.5, 440, 0.3, "NORMAL");
        List<AgentProcess> agents = new ArrayList<>();
        try {
            secrets.forEach((id, secret) -> agents.add(e2e.agent("p6x-" + id, Map.of(id, secret))));
            for (int i = 0; i < PROCESSES; i++) {
                agents.get(i).awaitOnline(List.of(ids[i]), EndToEndFixture.ONLINE_WITHIN);
            }
            Instant settled = Instant.now().plus(SETTLE);
            for (int round = 0; round <= ROUNDS; round++) {
                Instant playAt = Instant.now().plus(LEAD);
                if (round == 1 && playAt.isBefore(settled)) {
                    playAt = settled;
                }
                String broadcast = Fixtures.broadcast(
                        bulletin, List.of("P6X"), List.of(), OffsetDateTime.ofInstant(playAt, ZoneOffset.UTC));
                await().atMost(LEAD.plusSeconds(60))
                        .pollInterval(Duration.ofMillis(250))
                        .ignoreExceptions()
                        .until(() -> e2e.deliveries(broadcast).getInt("counts.PLAYED") == PROCESSES);
            }

            Map<String, List<Start>> byOccurrence = new TreeMap<>();
            for (AgentProcess agent : agents) {
                Matcher line = STARTED.matcher(agent.log());
                while (line.find()) {
                    Start start = new Start(
                            line.group(1),
                            Instant.parse(line.group(3)),
                            Instant.parse(line.group(4)),
                            Long.parseLong(line.group(5)));
                    byOccurrence
                            .computeIfAbsent(line.group(2), k -> new ArrayList<>())
                            .add(start);
                }
            }
            List<List<Start>> rounds = byOccurrence.values().stream()
                    .filter(starts -> starts.size() == PROCESSES)
                    .sorted((a, b) -> a.get(0).due().compareTo(b.get(0).due()))
                    .toList();
            assertThat(rounds).as("rounds every agent logged").hasSize(ROUNDS + 1);

            List<Long> deviations = new ArrayList<>();
            List<Long> spreads = new ArrayList<>();
            // round 0 warms the agents up (first download, JIT) and is not counted
            for (List<Start> starts : rounds.subList(1, rounds.size())) {
                List<Long> nanos =
                        starts.stream().map(s -> nanos(s.here())).sorted().toList();
                long median = nanos.get(nanos.size() / 2);
                nanos.forEach(n -> deviations.add(Math.abs(n - median)));
                spreads.add(nanos.get(nanos.size() - 1) - nanos.get(0));
                Map<String, Long> offsets = new LinkedHashMap<>();
                starts.forEach(s -> offsets.put(s.receiver(), s.offsetMicros()));
                System.out.printf(
                        "P6x round due %s: max-min %.2f ms, median start %.2f ms after due on the host clock, offsets"
                                + " (us) %s%n",
                        starts.get(0).due(),
                        spreads.get(spreads.size() - 1) / 1e6,
                        (median - nanos(starts.get(0).due())) / 1e6,
                        offsets);
            }
            long baseline = bareProcessesP99();
            long p99 = percentile(deviations, 0.99);
            System.out.printf(
                    "P6 across processes: %d agent processes x %d rounds: p99 |start - median| = %.2f ms, worst round"
                            + " max-min = %.2f ms, median round max-min = %.2f ms; baseline %d bare JVM processes"
                            + " parking until one instant: p99 = %.2f ms%n",
                    PROCESSES,
                    ROUNDS,
                    p99 / 1e6,
                    spreads.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6,
                    percentile(spreads, 0.5) / 1e6,
                    PROCESSES,
                    baseline / 1e6);
            assertThat(p99)
                    .as("P6 across processes: p99 start spread")
                    .isLessThanOrEqualTo(Duration.ofMillis(10).toNanos());
        } finally {
            for (AgentProcess agent : agents) {
                agent.close();
            }
        }
    }

    private record Start(String receiver, Instant here, Instant due, long offsetMicros) {}

    /** The same number of bare JVM processes, each parking until one host instant and printing when it woke. */
    private static long bareProcessesP99() throws InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = Path.of("target", "test-classes").toString();
        List<Long> deviations = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Instant at = Instant.now().plusSeconds(2);
            List<Process> processes = new ArrayList<>();
            try {
                for (int i = 0; i < PROCESSES; i++) {
                    processes.add(new ProcessBuilder(java, "-cp", classpath, ParkUntil.class.getName(), at.toString())
                            .redirectErrorStream(true)
                            .start());
                }
                List<Long> woke = new ArrayList<>();
                for (Process process : processes) {
                    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    woke.add(nanos(
                            Instant.parse(new String(process.getInputStream().readAllBytes()).trim())));
                }
                List<Long> sorted = woke.stream().sorted().toList();
                long median = sorted.get(sorted.size() / 2);
                sorted.forEach(n -> deviations.add(Math.abs(n - median)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                processes.forEach(Process::destroyForcibly);
            }
        }
        return percentile(deviations, 0.99);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static long percentile(List<Long> values, double quantile) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
    }
}
