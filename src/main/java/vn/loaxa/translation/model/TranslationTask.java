package vn.loaxa.translation.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One bulletin's reading in one language, asked of a translator and reviewed by an editor of that language. */
@Entity
@Table(name = "translation_task")
public class TranslationTask {
    @Id
    public UUID id;

    @Column(name = "bulletin_id")
    public UUID bulletinId;

    /** ISO 639-3 code of the language to read the bulletin in. */
    public String language;

    /** The bulletin's owner area, copied so that lists filter by area without a join; null: owned nationally. */
    @Column(name = "owner_area")
    public String ownerArea;

    /** The translator; null until one claims the task or the requester names one. */
    public String assignee;

    @Column(name = "due_at")
    public OffsetDateTime dueAt;

    @Enumerated(EnumType.STRING)
    public TaskState state;

    /** The submitted reading, a READY media item in the task's language. */
    @Column(name = "reading_media_id")
    public UUID readingMediaId;

    /** What the reading says, in the language's own orthography. */
    public String transcript;

    /** Why the reviewer sent the reading back; kept until the next submission. */
    @Column(name = "return_reason")
    public String returnReason;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "requested_at")
    public OffsetDateTime requestedAt;

    @Column(name = "submitted_by")
    public String submittedBy;

    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "reviewed_at")
    public OffsetDateTime reviewedAt;
}
