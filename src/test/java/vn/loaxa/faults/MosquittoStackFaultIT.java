package vn.loaxa.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults 3 and 4 (kill -9), 1 and 5 on the PostgreSQL + Mosquitto stack (docs/reliability.md): real processes, one
 * stack for the run, one fault after the other. Each fault adds its row to {@code target/faults/table.md} and fails
 * on any lost, duplicated or wrong delivery.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MosquittoStackFaultIT {
    private static final String BROKER = "Mosquitto";

    @Test
    @Order(1)
    void shouldRecordEveryPlayWhenTheServerIsKilledAroundPlayTimes() {
        assertClean(ServerOutage.run(FaultStack.onMosquitto(), true, BROKER));
    }

    /** Fault 1: the broker stops as a dispatch runs and is back 25 s later; every receiver still plays. */
    @Test
    @Order(2)
    void shouldPlayEverywhereWhenTheBrokerStopsDuringADispatch() {
        FaultStack stack = FaultStack.onMosquitto();
        stack.ensureRunning();
        String bulletin = stack.bulletin(3);
        List<String> receivers = stack.baseReceivers();
        List<String> first = receivers.subList(0, receivers.size() / 2);
        List<String> second = receivers.subList(receivers.size() / 2, receivers.size());
        Instant playAt = Instant.now().plusSeconds(75);
        String racing = stack.broadcast(bulletin, first, playAt, Duration.ofSeconds(10));
        stack.mosquitto().halt();
        Instant stopped = Instant.now();
        String whileDown = stack.weeklySeries(bulletin, second, playAt, Duration.ofSeconds(10), 2);
        Outcome.at(stopped.plusSeconds(25));
        stack.mosquitto().begin();

        Outcome.at(playAt);
        FaultRow row = new Outcome(stack)
                .expect(racing, first, "PLAYED")
                .expect(whileDown, second, "PLAYED")
                .awaitExpected(Duration.ofSeconds(45))
                .row("1", "broker stopped during a dispatch, back 25 s later (" + BROKER + ")");
        assertClean(List.of(row));
        assertSeriesGoesOn(stack, whileDown);
    }

    /** The series dispatched while the broker was down goes on: its next occurrence waits with its trigger. */
    private static void assertSeriesGoesOn(FaultStack stack, String series) {
        List<Map<String, Object>> occurrences = stack.occurrences(series);
        assertThat(occurrences).hasSize(2);
        assertThat(occurrences).filteredOn(o -> o.get("dispatchedAt") != null).hasSize(1);
        Map<String, Object> next = occurrences.stream()
                .filter(o -> o.get("dispatchedAt") == null)
                .findFirst()
                .orElseThrow();
        assertThat(stack.dispatchTriggerExists((String) next.get("id")))
                .as("the next occurrence's trigger")
                .isTrue();
    }

    /** Fault 5: PostgreSQL stops for 60 s while the receivers' events stream in; nothing is lost. */
    @Test
    @Order(3)
    void shouldStoreEveryEventWhenTheDatabaseStopsForAMinute() {
        FaultStack stack = FaultStack.onMosquitto();
        stack.ensureRunning();
        String bulletin = stack.bulletin(3);
        List<String> receivers = stack.baseReceivers();
        Instant playAt = Instant.now().plusSeconds(20);
        String broadcast = stack.broadcast(bulletin, receivers, playAt, Duration.ofSeconds(10));
        ServerOutage.awaitDownloaded(stack, Map.of(broadcast, receivers));
        Outcome.at(playAt.minusSeconds(3));
        stack.postgres().halt();
        Instant stopped = Instant.now();
        Outcome.at(stopped.plusSeconds(60));
        stack.postgres().begin();

        FaultRow row = new Outcome(stack)
                .expect(broadcast, receivers, "PLAYED")
                .awaitExpected(Duration.ofSeconds(60))
                .row("5", "PostgreSQL stopped for 60 s from 3 s before the play time (" + BROKER + ")");
        assertClean(List.of(row));
    }

    static void assertClean(List<FaultRow> rows) {
        for (FaultRow row : rows) {
            assertThat(row.clean())
                    .as("fault %s (%s): %s", row.fault(), row.label(), row.notes())
                    .isTrue();
        }
    }
}
