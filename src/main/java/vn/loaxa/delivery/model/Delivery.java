package vn.loaxa.delivery.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Where one occurrence stands on one receiver. */
@Entity
@Table(name = "delivery")
public class Delivery {
    // a pooled sequence, not IDENTITY, so that inserts can be batched
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "delivery_seq")
    @SequenceGenerator(name = "delivery_seq", sequenceName = "delivery_seq", allocationSize = 50)
    public Long id;

    @Column(name = "occurrence_id")
    public UUID occurrenceId;

    @Column(name = "receiver_id")
    public String receiverId;

    /** The bulletin variant this receiver plays (its languages); null for deliveries made before variants. */
    @Column(name = "media_id")
    public UUID mediaId;

    @Enumerated(EnumType.STRING)
    public DeliveryState state;

    @Column(name = "state_rank")
    public int stateRank;

    public String reason;

    @Column(name = "delivered_at")
    public OffsetDateTime deliveredAt;

    @Column(name = "downloaded_at")
    public OffsetDateTime downloadedAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** For a live session: the frames this receiver played, dropped as late and concealed as lost. */
    @Column(name = "live_frames_played")
    public Long liveFramesPlayed;

    @Column(name = "live_frames_late")
    public Long liveFramesLate;

    @Column(name = "live_frames_lost")
    public Long liveFramesLost;

    /** How many times the receiver (re)joined the live session: 1 if it never lost it. */
    @Column(name = "live_joins")
    public Integer liveJoins;

    /** When a receiver's report from inside the window last turned this delivery from MISSED to PLAYING/PLAYED. */
    @Column(name = "reported_late_at")
    public OffsetDateTime reportedLateAt;

    @Version
    public int version;

    public static Delivery scheduled(UUID occurrenceId, String receiverId, OffsetDateTime now) {
        Delivery d = new Delivery();
        d.occurrenceId = occurrenceId;
        d.receiverId = receiverId;
        d.state = DeliveryState.SCHEDULED;
        d.stateRank = DeliveryState.SCHEDULED.rank();
        d.updatedAt = now;
        return d;
    }

    /** Ends the delivery without a receiver's report (cancelled, or missed while the server was down). */
    public void close(DeliveryState finalState, String why, OffsetDateTime now) {
        if (stateRank < DeliveryState.FINAL_RANK) {
            state = finalState;
            stateRank = DeliveryState.FINAL_RANK;
            reason = why;
            finishedAt = finishedAt == null ? now : finishedAt;
            updatedAt = now;
        }
    }

    /** Keeps the counts a receiver reported of a live session; a repeat of its report writes the same again. */
    public void recordLive(LiveCounts counts) {
        liveFramesPlayed = counts.framesPlayed();
        liveFramesLate = counts.framesLate();
        liveFramesLost = counts.framesLost();
        liveJoins = counts.joins();
    }

    /** What one event did to the delivery. */
    public enum Change {
        /** The state stayed (the event's time may still have been recorded). */
        KEPT,
        /** The state moved to a later one. */
        ADVANCED,
        /** A PLAYING or PLAYED from inside the window turned MISSED into it: the receiver's truth came late. */
        OVERTURNED
    }

    /**
     * Records the time of an event and moves the state forward if the event is later in the life cycle. Final
     * states are kept, with one exception: a PLAYING or PLAYED that happened inside the occurrence's window
     * ({@code inWindow}) overturns MISSED, whenever it arrives, since a receiver plays on time while offline and
     * reports afterwards. The MISSED reason goes, and the end time is the report's.
     */
    public Change apply(
            DeliveryState event, OffsetDateTime at, String failureReason, boolean inWindow, OffsetDateTime now) {
        switch (event) {
            case DELIVERED -> deliveredAt = deliveredAt == null ? at : deliveredAt;
            case DOWNLOADED -> downloadedAt = downloadedAt == null ? at : downloadedAt;
            case PLAYING -> startedAt = startedAt == null ? at : startedAt;
            default -> finishedAt = finishedAt == null ? at : finishedAt;
        }
        updatedAt = now;
        if (state == DeliveryState.MISSED && inWindow && event.overturnsMissed()) {
            state = event;
            stateRank = event.rank();
            reason = null;
            finishedAt = event == DeliveryState.PLAYED ? at : null;
            reportedLateAt = now;
            return Change.OVERTURNED;
        }
        if (stateRank >= DeliveryState.FINAL_RANK || event.rank() <= stateRank) {
            return Change.KEPT;
        }
        state = event;
        stateRank = event.rank();
        if (event.carriesReason()) {
            reason = failureReason;
        }
        return Change.ADVANCED;
    }
}
