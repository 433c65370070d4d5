package vn.loaxa.media.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One uploaded recording and its distribution file (Opus mono in Ogg, stored by SHA-256). */
@Entity
@Table(name = "media")
public class Media {
    @Id
    public UUID id;

    public String title;

    /** ISO 639-3 code of the spoken language. */
    public String language;

    @Enumerated(EnumType.STRING)
    public MediaStatus status;

    @Column(name = "original_filename")
    public String originalFilename;

    @Column(name = "duration_ms")
    public Long durationMs;

    public String sha256;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    @Column(name = "loudness_lufs")
    public Double loudnessLufs;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
