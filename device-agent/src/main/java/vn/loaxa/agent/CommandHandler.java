package vn.loaxa.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import vn.loaxa.agent.download.Sha256;
import vn.loaxa.agent.protocol.AudioRef;
import vn.loaxa.agent.protocol.Command;
import vn.loaxa.agent.protocol.CommandType;
import vn.loaxa.agent.protocol.ManifestEntry;
import vn.loaxa.agent.protocol.Priority;
import vn.loaxa.agent.store.OutputSettings;
import vn.loaxa.agent.time.ClockOffset;

/**
 * Carries out a remote command that the {@link MessageRouter} has verified: output volume and muting, a test tone,
 * a RESYNC of the manifests, stopping what plays. Every command is then reported in a heartbeat sent at once.
 */
final class CommandHandler {

    private static final Logger LOG = Logger.getLogger(CommandHandler.class.getName());
    /** How long after the command the test tone may still start. */
    static final Duration TEST_TONE_EXPIRY = Duration.ofMinutes(1);

    /** What carrying out a command reaches beyond the agent's own state. */
    interface Effects {
        /** Subscribes to the topic again, so that the broker delivers its retained message once more. */
        void resubscribe(String topic);

        /** Reports the command as carried out, in a heartbeat sent at once. */
        void carriedOut(UUID commandId);

        /** Keeps an error for the next heartbeat. */
        void error(String message);

        /** The server answered the catch-up request of this connection. */
        void caughtUp();
    }

    private final String receiverId;
    private final Topics topics;
    private final ClockOffset time;
    private final Path cacheDir;
    private final OutputSettings output;
    private final ManifestState manifests;
    private final PlaybackStage stage;
    private final Effects effects;

    /**
     * @param cacheDir  where the test tone is written
     * @param manifests whose topics a RESYNC asks for again
     * @param stage     what plays now: the test tone plays only when nothing else plays or waits
     */
    CommandHandler(
            String receiverId,
            Topics topics,
            ClockOffset time,
            Path cacheDir,
            OutputSettings output,
            ManifestState manifests,
            PlaybackStage stage,
            Effects effects) {
        this.receiverId = receiverId;
        this.topics = topics;
        this.time = time;
        this.cacheDir = cacheDir;
        this.output = output;
        this.manifests = manifests;
        this.stage = stage;
        this.effects = effects;
    }

    void carryOut(Command command) {
        if (command.type() == CommandType.CAUGHT_UP) {
            effects.caughtUp();
            return;
        }
        LOG.info(() -> receiverId + " command " + command.type() + " " + command.id());
        switch (command.type()) {
            case SET_VOLUME -> output.setVolume(command.volume());
            case MUTE -> output.setMuted(true);
            case UNMUTE -> output.setMuted(false);
            case TEST_TONE -> playTestTone(command.id());
            case RESYNC -> resync();
            case REPORT_NOW -> {}
            case STOP_CURRENT ->
                stage.current().ifPresent(playing -> playing.cancel("stopped by remote command " + command.id()));
        }
        effects.carriedOut(command.id());
    }

    /** The retained manifests come again, and their versions held are accepted once more. */
    private void resync() {
        manifests.resyncOnce(topics.manifest(receiverId));
        effects.resubscribe(topics.manifest(receiverId));
        for (String code : manifests.areaCodes()) {
            manifests.resyncOnce(topics.areaManifest(code));
            effects.resubscribe(topics.areaManifest(code));
        }
    }

    private void playTestTone(UUID commandId) {
        try {
            Path tone = TestTone.ensure(cacheDir);
            Instant now = time.serverNow();
            ManifestEntry entry = new ManifestEntry(
                    "test-tone-" + commandId,
                    null,
                    "test tone",
                    Priority.NORMAL,
                    now,
                    now.plus(TEST_TONE_EXPIRY),
                    new AudioRef(tone.toUri().toString(), Sha256.of(tone), null, Files.size(tone), "audio/wav"));
            ScheduledEntry scheduled = new ScheduledEntry(entry, false);
            scheduled.audio(CompletableFuture.completedFuture(tone));
            if (!stage.isIdle()) {
                LOG.info(() -> receiverId + " test tone not played: something else is playing or waiting");
                return;
            }
            stage.offer(scheduled);
        } catch (IOException e) {
            effects.error("cannot prepare the test tone: " + e.getMessage());
        }
    }
}
