package vn.loaxa.receiver.model;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** One IP receiver cluster (cụm thu phát thanh) and its last known health. */
@Entity
@Table(name = "receiver")
public class Receiver {
    @Id
    public String id;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "area_code")
    public String areaCode;

    public Double latitude;
    public Double longitude;

    /**
     * The bcrypt hash of a secret issued before {@link #brokerHash} was kept, until the receiver's first login stores
     * that hash instead (docs/security.md, "Receiver secrets"); null otherwise.
     */
    @Column(name = "secret_hash")
    public String legacySecretHash;

    /**
     * The secret's PBKDF2 hash in Mosquitto's format, which every login of the receiver is checked against (the
     * embedded broker, HTTP, and Mosquitto's generated password file); null once revoked, and for a receiver whose
     * secret is still only in {@link #legacySecretHash}.
     */
    @Column(name = "broker_hash")
    public String brokerHash;

    /** When its credentials were revoked; a revoked receiver cannot log in until a new secret is issued. */
    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    public boolean online;

    /** When the server received the status now applied (the server's clock, never the receiver's). */
    @Column(name = "last_seen")
    public OffsetDateTime lastSeen;

    @Column(name = "agent_version")
    public String agentVersion;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** When the latest heartbeat was taken (the receiver's clock); null before the first one. */
    @Column(name = "heartbeat_at")
    public OffsetDateTime heartbeatAt;

    @Column(name = "uptime_seconds")
    public Long uptimeSeconds;

    public Integer volume;

    public Boolean muted;

    @Column(name = "free_cache_bytes")
    public Long freeCacheBytes;

    /** Server clock minus receiver clock as the receiver measured it. */
    @Column(name = "clock_offset_ms")
    public Long clockOffsetMs;

    @Column(name = "audio_output_ok")
    public Boolean audioOutputOk;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "outbox_pending")
    public Long outboxPending;

    @Column(name = "outbox_dropped")
    public Long outboxDropped;

    /** ISO 639-3 codes, most preferred first. */
    @ElementCollection
    @CollectionTable(name = "receiver_language", joinColumns = @JoinColumn(name = "receiver_id"))
    @OrderColumn(name = "position")
    @Column(name = "language")
    public List<String> languages = new ArrayList<>();
}
