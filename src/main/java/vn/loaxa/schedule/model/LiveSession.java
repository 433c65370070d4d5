package vn.loaxa.schedule.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A person speaking live to receivers through a broadcast of its own (docs/protocol.md, "Live sessions"). The frame
 * key authenticates its frames; the signed announcement in the manifests hands it to the agents.
 */
@Entity
@Table(name = "live_session")
public class LiveSession {
    @Id
    public UUID id;

    @Column(name = "broadcast_id")
    public UUID broadcastId;

    /** Base64 of the 32-byte HMAC key of the session's frames. */
    @Column(name = "frame_key")
    public String frameKey;

    @Column(name = "delay_ms")
    public int delayMs;

    @Column(name = "started_by")
    public String startedBy;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    @Column(name = "end_reason")
    public String endReason;

    /** When this session's source last sent a frame, as its relaying server last wrote it (about every second). */
    @Column(name = "last_frame_at")
    public OffsetDateTime lastFrameAt;

    /** The language of the recording in the library. */
    public String language;

    @Column(name = "frames_received")
    public long framesReceived;

    /** The media item the session was recorded to, once it has ended and had audio. */
    @Column(name = "recording_id")
    public UUID recordingId;

    public boolean open() {
        return endedAt == null;
    }
}
