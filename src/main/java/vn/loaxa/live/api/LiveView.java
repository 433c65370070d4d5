package vn.loaxa.live.api;

import java.time.OffsetDateTime;
import java.util.UUID;
import vn.loaxa.bulletin.model.Priority;

/**
 * A live session as the API shows it. {@code audioPath} takes an Ogg Opus stream (FFmpeg, the command-line source);
 * {@code socketPath} takes the browser's frames. A session {@code awaitingConfirmation} (an emergency under the
 * two-person rule) is heard once a second person confirms its broadcast. {@code announcedAt} is when its manifest
 * went out (null before); a source should send its first words no earlier than {@code joinMarginMs} after it, once
 * the receivers listen to the session's topic (docs/architecture.md, "Live broadcast").
 */
public record LiveView(
        UUID id,
        UUID broadcastId,
        String title,
        Priority priority,
        boolean test,
        int delayMs,
        int receivers,
        OffsetDateTime startedAt,
        String startedBy,
        OffsetDateTime endedAt,
        String endReason,
        long framesReceived,
        UUID recordingId,
        boolean awaitingConfirmation,
        OffsetDateTime announcedAt,
        int joinMarginMs,
        String audioPath,
        String socketPath) {}
