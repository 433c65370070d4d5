package vn.loaxa.schedule.model;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import vn.loaxa.bulletin.model.Priority;
import vn.loaxa.common.model.Authored;

/** A bulletin scheduled for a target; each airing is an {@link Occurrence}. */
@Entity
@Table(name = "broadcast")
public class Broadcast extends Authored {
    @Id
    public UUID id;

    @Column(name = "bulletin_id")
    public UUID bulletinId;

    @Column(name = "start_at")
    public OffsetDateTime startAt;

    /** Area codes; each covers its whole subtree at dispatch time. */
    @ElementCollection
    @CollectionTable(name = "broadcast_target_area", joinColumns = @JoinColumn(name = "broadcast_id"))
    @Column(name = "area_code")
    public Set<String> targetAreas = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "broadcast_target_receiver", joinColumns = @JoinColumn(name = "broadcast_id"))
    @Column(name = "receiver_id")
    public Set<String> targetReceivers = new LinkedHashSet<>();

    /** Named receiver groups; each resolves to its members at dispatch time. */
    @ElementCollection
    @CollectionTable(name = "broadcast_target_group", joinColumns = @JoinColumn(name = "broadcast_id"))
    @Column(name = "group_code")
    public Set<String> targetGroups = new LinkedHashSet<>();

    /** RFC 5545 RRULE; null for a single airing. */
    public String rrule;

    /** IANA zone in which the start time and the rule are read. */
    @Column(name = "time_zone")
    public String timeZone;

    /** Local date-times (in {@link #timeZone}) of instances left out. */
    @ElementCollection
    @CollectionTable(name = "broadcast_exdate", joinColumns = @JoinColumn(name = "broadcast_id"))
    @Column(name = "local_time")
    public Set<LocalDateTime> exdates = new LinkedHashSet<>();

    /** How late after its play time an instance may still start. */
    @Column(name = "late_start_grace_seconds")
    public int lateStartGraceSeconds;

    /** Whether overlapping broadcasts of the same priority were accepted to queue behind each other. */
    @Column(name = "allow_overlap")
    public boolean allowOverlap;

    /** What an airing does when a higher-priority item interrupts it; null leaves it to the agent (RESUME). */
    @Enumerated(EnumType.STRING)
    @Column(name = "on_preempt")
    public PreemptPolicy onPreempt;

    /** Live stream played instead of a bulletin (relay, tiếp sóng); null for a bulletin broadcast. */
    @Column(name = "relay_url")
    public String relayUrl;

    @Column(name = "relay_title")
    public String relayTitle;

    /** How long the relay plays from each start. */
    @Column(name = "relay_window_seconds")
    public Integer relayWindowSeconds;

    @Enumerated(EnumType.STRING)
    @Column(name = "relay_priority")
    public Priority relayPriority;

    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;

    /** Key of the schedule-file entry that declares this broadcast; null when created through the API. */
    @Column(name = "source_key")
    public String sourceKey;

    @Column(name = "source_file")
    public String sourceFile;

    /** Fingerprint of the declaring entry, to see whether a file changed it. */
    @Column(name = "source_hash")
    public String sourceHash;

    @Column(name = "cancelled_by")
    public String cancelledBy;

    /** A test broadcast: tagged as a test in manifests, pages and reports, so it is never mistaken for live. */
    @Column(name = "test_mode")
    public boolean testMode;

    /** An emergency under the two-person rule that no second person has confirmed yet: not dispatched. */
    @Column(name = "awaiting_confirmation")
    public boolean awaitingConfirmation;

    @Column(name = "confirmed_by")
    public String confirmedBy;

    @Column(name = "confirmed_at")
    public OffsetDateTime confirmedAt;

    /** The live session this broadcast carries (phát trực tiếp); null for a bulletin or a relay. */
    @Column(name = "live_session_id")
    public UUID liveSessionId;

    /** Whether this broadcast relays a live stream rather than airing a bulletin. */
    public boolean relays() {
        return relayUrl != null;
    }

    /** Whether it airs a stream, relayed or spoken live, for a window rather than a bulletin's audio. */
    public boolean airsStream() {
        return relayUrl != null || liveSessionId != null;
    }
}
