package vn.loaxa.media.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import vn.loaxa.common.model.Authored;

/** One uploaded recording and its distribution files (Opus mono in Ogg and an MP3 fallback, stored by SHA-256). */
@Entity
@Table(name = "media")
public class Media extends Authored {
    @Id
    public UUID id;

    public String title;

    /** ISO 639-3 code of the spoken language. */
    public String language;

    @Enumerated(EnumType.STRING)
    public MediaStatus status;

    /** The uploaded file's name; null only for items the server assembled itself (the variants of bulletins). */
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

    /** The failure as a message to render in the reader's language ({@code ErrorMessageJson}); null on older rows. */
    @Column(name = "failure_text")
    public String failureText;

    /** 0–100 while PROCESSING; 100 when READY. */
    public int progress;

    /** The upload waiting to be processed; null once processing has ended. */
    @Column(name = "upload_path")
    public String uploadPath;

    @Column(name = "true_peak_dbtp")
    public Double truePeakDbtp;

    @Column(name = "mp3_sha256")
    public String mp3Sha256;

    @Column(name = "mp3_size_bytes")
    public Long mp3SizeBytes;

    /** What is said: the text of a text-to-speech item, or a transcript typed by an editor. */
    public String transcript;

    /** Title and transcript folded by {@code SearchText}; maintained by the service. */
    @Column(name = "search_text")
    public String searchText;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
