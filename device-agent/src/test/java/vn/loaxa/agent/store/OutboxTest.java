package vn.loaxa.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.protocol.AgentEvent;
import vn.loaxa.agent.protocol.EventType;
import vn.loaxa.agent.protocol.Json;

class OutboxTest {

    @TempDir
    Path cacheDir;

    private final AgentEvent delivered =
            AgentEvent.of("rx1", "occ-1", EventType.DELIVERED, Instant.parse("2026-11-26T06:00:00.100Z"), null);
    private final AgentEvent failed =
            AgentEvent.of("rx1", "occ-1", EventType.FAILED, Instant.parse("2026-11-26T06:00:01.200Z"), "the reason");

    @Test
    void shouldKeepEventsDurablyUntilRemoved() throws Exception {
        Outbox outbox = new Outbox(cacheDir, Json.newMapper());
        assertThat(outbox.add(delivered)).isTrue();
        assertThat(outbox.add(failed)).isTrue();

        Outbox reopened = new Outbox(cacheDir, Json.newMapper());

        assertThat(reopened.pending()).containsExactlyInAnyOrder(delivered, failed);
        assertThat(cacheDir.resolve("outbox").resolve(delivered.id() + ".json")).exists();
        reopened.remove(delivered.id());
        assertThat(reopened.pending()).containsExactly(failed);
        assertThat(reopened.contains(delivered.id())).isFalse();
    }

    @Test
    void shouldNotDuplicateAnEventAlreadyInTheOutbox() throws Exception {
        Outbox outbox = new Outbox(cacheDir, Json.newMapper());

        assertThat(outbox.add(delivered)).isTrue();
        assertThat(outbox.add(AgentEvent.of("rx1", "occ-1", EventType.DELIVERED, Instant.now(), null)))
                .isFalse();

        assertThat(outbox.pending()).containsExactly(delivered);
    }

    @Test
    void shouldSetAsideUnreadableFiles() throws Exception {
        new Outbox(cacheDir, Json.newMapper()).add(delivered);
        Files.writeString(cacheDir.resolve("outbox").resolve("broken.json"), "{not json");

        Outbox reopened = new Outbox(cacheDir, Json.newMapper());

        assertThat(reopened.pending()).containsExactly(delivered);
        assertThat(cacheDir.resolve("outbox").resolve("broken.json.bad")).exists();
    }

    @Test
    void shouldDropOldestLowValueEventsFirstWhenFullAndCountThem() throws Exception {
        Outbox outbox = new Outbox(cacheDir, Json.newMapper(), 3);
        AgentEvent played = AgentEvent.of("rx1", "occ-1", EventType.PLAYED, Instant.now(), null);
        AgentEvent downloaded = AgentEvent.of("rx1", "occ-2", EventType.DOWNLOADED, Instant.now(), null);
        AgentEvent missed = AgentEvent.of("rx1", "occ-3", EventType.MISSED, Instant.now(), null);
        outbox.add(played);
        outbox.add(delivered);
        outbox.add(downloaded);

        outbox.add(failed);
        outbox.add(missed);

        assertThat(outbox.pending()).containsExactlyInAnyOrder(played, failed, missed);
        assertThat(outbox.dropped()).isEqualTo(2);
        assertThat(new Outbox(cacheDir, Json.newMapper(), 3).size()).isEqualTo(3);
    }

    @Test
    void shouldListTheOldestWaitingEventsUpToALimitLeavingOutSkippedOnes() throws Exception {
        Outbox outbox = new Outbox(cacheDir, Json.newMapper());
        AgentEvent played = AgentEvent.of("rx1", "occ-2", EventType.PLAYED, Instant.now(), null);
        outbox.add(delivered);
        outbox.add(failed);
        outbox.add(played);

        assertThat(outbox.pending(1, Set.of(delivered.id()))).containsExactly(failed);
        assertThat(outbox.pending(2, Set.of())).containsExactly(delivered, failed);
    }

    @Test
    void shouldDropOldestEventOfAnyKindWhenOnlyFinalEventsWait() throws Exception {
        Outbox outbox = new Outbox(cacheDir, Json.newMapper(), 1);
        outbox.add(failed);
        AgentEvent played = AgentEvent.of("rx1", "occ-2", EventType.PLAYED, Instant.now(), null);

        outbox.add(played);

        assertThat(outbox.pending()).containsExactly(played);
        assertThat(outbox.dropped()).isEqualTo(1);
    }

    @Test
    void shouldRememberJournalMarkersAndPruneOthers() throws Exception {
        EntryJournal journal = new EntryJournal(cacheDir);
        journal.mark(delivered.id());
        journal.mark(failed.id());
        journal.mark(delivered.id());

        journal.retainOnly(Set.of(failed.id()));

        assertThat(journal.has(delivered.id())).isFalse();
        assertThat(new EntryJournal(cacheDir).has(failed.id())).isTrue();
    }

    @Test
    void shouldReplaceFilesAtomically() throws Exception {
        Path target = cacheDir.resolve("manifest.json");
        AtomicFiles.write(target, "one".getBytes());
        AtomicFiles.write(target, "two".getBytes());

        assertThat(target).hasContent("two");
        try (var files = Files.list(cacheDir)) {
            assertThat(files).containsExactly(target);
        }
    }
}
