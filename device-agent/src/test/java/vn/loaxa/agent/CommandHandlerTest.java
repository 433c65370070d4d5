package vn.loaxa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.protocol.Areas;
import vn.loaxa.agent.protocol.AudioRef;
import vn.loaxa.agent.protocol.Command;
import vn.loaxa.agent.protocol.CommandType;
import vn.loaxa.agent.protocol.Json;
import vn.loaxa.agent.protocol.Manifest;
import vn.loaxa.agent.protocol.ManifestEntry;
import vn.loaxa.agent.protocol.Priority;
import vn.loaxa.agent.protocol.Schemas;
import vn.loaxa.agent.store.ManifestStore;
import vn.loaxa.agent.store.OutputSettings;
import vn.loaxa.agent.time.ClockOffset;

class CommandHandlerTest {

    private static final String RECEIVER = "rx-1";
    private static final Topics TOPICS = new Topics(Topics.DEFAULT_PREFIX);
    private static final Instant NOW = Instant.parse("2026-11-20T07:00:00Z");

    @TempDir
    Path cacheDir;

    private final ObjectMapper json = Json.newMapper();
    private final RecordingEffects effects = new RecordingEffects();
    /** The playback pool, run by hand: what was handed to it stays on the stage until then. */
    private final List<Runnable> playbackPool = new ArrayList<>();

    private final List<ScheduledEntry> performed = new ArrayList<>();
    private OutputSettings output;
    private ManifestState manifests;
    private PlaybackStage stage;
    private CommandHandler handler;

    @BeforeEach
    void newHandler() {
        output = new OutputSettings(cacheDir, json, 80);
        manifests = new ManifestState(RECEIVER, new ManifestStore(cacheDir, json), new MessageCounters());
        stage = new PlaybackStage((Executor) playbackPool::add, performed::add);
        handler = new CommandHandler(
                RECEIVER,
                TOPICS,
                new ClockOffset(Clock.fixed(NOW, ZoneOffset.UTC)),
                cacheDir,
                output,
                manifests,
                stage,
                effects);
    }

    @Test
    void shouldSetTheVolumeAndKeepItAcrossARestart() {
        Command command = command(CommandType.SET_VOLUME, 35);

        handler.carryOut(command);

        assertThat(output.volume()).isEqualTo(35);
        assertThat(new OutputSettings(cacheDir, json, 80).volume()).isEqualTo(35);
        assertThat(effects.carriedOut).containsExactly(command.id());
    }

    @Test
    void shouldMuteAndUnmute() {
        handler.carryOut(command(CommandType.MUTE, null));
        assertThat(output.muted()).isTrue();

        handler.carryOut(command(CommandType.UNMUTE, null));
        assertThat(output.muted()).isFalse();
        assertThat(output.volume()).isEqualTo(80);
        assertThat(effects.carriedOut).hasSize(2);
    }

    @Test
    void shouldOnlyReportOnReportNow() {
        Command command = command(CommandType.REPORT_NOW, null);

        handler.carryOut(command);

        assertThat(effects.carriedOut).containsExactly(command.id());
        assertThat(effects.resubscribed).isEmpty();
        assertThat(stage.isIdle()).isTrue();
    }

    @Test
    void shouldEndTheCatchUpOnCaughtUpWithoutAHeartbeat() {
        handler.carryOut(command(CommandType.CAUGHT_UP, null));

        assertThat(effects.caughtUp).isEqualTo(1);
        assertThat(effects.carriedOut).isEmpty();
        assertThat(effects.resubscribed).isEmpty();
    }

    @Test
    void shouldAskForEveryManifestAgainOnResyncAndAcceptTheVersionHeld() {
        manifests.acceptAreas(TOPICS.areas(RECEIVER), new Areas(Schemas.AREAS, RECEIVER, 1L, List.of("vn", "vn-hn")));
        Manifest held = new Manifest(Schemas.MANIFEST, RECEIVER, 4L, NOW, List.of());
        manifests.acceptOwn(TOPICS.manifest(RECEIVER), held);

        handler.carryOut(command(CommandType.RESYNC, null));

        assertThat(effects.resubscribed)
                .containsExactly(TOPICS.manifest(RECEIVER), TOPICS.areaManifest("vn"), TOPICS.areaManifest("vn-hn"));
        assertThat(manifests.acceptOwn(TOPICS.manifest(RECEIVER), held)).isTrue();
    }

    @Test
    void shouldStopWhatPlaysNamingTheCommand() {
        ScheduledEntry playing = new ScheduledEntry(entry("bulletin"));
        stage.offer(playing);
        Command command = command(CommandType.STOP_CURRENT, null);

        handler.carryOut(command);

        assertThat(playing.isCancelled()).isTrue();
        assertThat(playing.cancelledBy()).contains(command.id().toString());
    }

    @Test
    void shouldPlayATestToneThatReportsNoEventsWhenTheStageIsIdle() {
        Command command = command(CommandType.TEST_TONE, null);

        handler.carryOut(command);

        ScheduledEntry tone = stage.current().orElseThrow();
        assertThat(tone.occurrenceId()).isEqualTo("test-tone-" + command.id());
        assertThat(tone.reportsEvents()).isFalse();
        assertThat(tone.audio().join()).exists().hasParent(cacheDir);
        playbackPool.forEach(Runnable::run);
        assertThat(performed).containsExactly(tone);
        assertThat(effects.errors).isEmpty();
    }

    @Test
    void shouldNotPlayATestToneOverABulletin() {
        ScheduledEntry playing = new ScheduledEntry(entry("bulletin"));
        stage.offer(playing);

        handler.carryOut(command(CommandType.TEST_TONE, null));

        assertThat(stage.current()).contains(playing);
        playbackPool.forEach(Runnable::run);
        assertThat(performed).containsExactly(playing);
        assertThat(stage.isIdle()).isTrue();
    }

    private static Command command(CommandType type, Integer volume) {
        return new Command(Schemas.COMMAND, UUID.randomUUID(), RECEIVER, type, volume, NOW, NOW.plusSeconds(60), null);
    }

    private static ManifestEntry entry(String occurrenceId) {
        return new ManifestEntry(
                occurrenceId,
                "b-" + occurrenceId,
                occurrenceId,
                Priority.NORMAL,
                NOW,
                NOW.plusSeconds(600),
                new AudioRef("http://audio.test/" + occurrenceId, "a".repeat(64), 1_000L, 100L, "audio/ogg"));
    }

    /** Records what the handler asked of the world outside the agent's state. */
    private static final class RecordingEffects implements CommandHandler.Effects {
        final List<String> resubscribed = new ArrayList<>();
        final List<UUID> carriedOut = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        int caughtUp;

        @Override
        public void resubscribe(String topic) {
            resubscribed.add(topic);
        }

        @Override
        public void carriedOut(UUID commandId) {
            carriedOut.add(commandId);
        }

        @Override
        public void error(String message) {
            errors.add(message);
        }

        @Override
        public void caughtUp() {
            caughtUp++;
        }
    }
}
