package vn.loaxa.schedule.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One airing of a broadcast: the unit that Quartz fires and that receivers confirm. */
@Entity
@Table(name = "occurrence")
public class Occurrence {
    @Id
    public UUID id;

    @Column(name = "broadcast_id")
    public UUID broadcastId;

    @Column(name = "play_at")
    public OffsetDateTime playAt;

    /** The latest instant at which playback may still start. */
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    /** After this instant a delivery that is not final becomes MISSED. */
    @Column(name = "window_end")
    public OffsetDateTime windowEnd;

    @Column(name = "media_id")
    public UUID mediaId;

    @Column(name = "dispatched_at")
    public OffsetDateTime dispatchedAt;

    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;

    /** The area whose manifest topic carries this occurrence; null when each receiver's own manifest does. */
    @Column(name = "group_area")
    public String groupArea;

    /** The media named on the area topic (the one variant every receiver of {@link #groupArea} plays). */
    @Column(name = "group_media_id")
    public UUID groupMediaId;

    /** Set while the manifests of this dispatch still have to reach the broker; see PublishRetry. */
    @Column(name = "publish_pending_since")
    public OffsetDateTime publishPendingSince;

    /** Failed publish attempts since {@link #publishPendingSince}. */
    @Column(name = "publish_attempts")
    public int publishAttempts;

    /** When the pending publish is tried next. */
    @Column(name = "publish_next_at")
    public OffsetDateTime publishNextAt;

    /** Area manifests the pending publish must send besides this occurrence's own (comma-separated codes). */
    @Column(name = "publish_areas")
    public String publishAreas;
}
