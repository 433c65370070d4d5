package vn.loaxa.translation.api;

import java.time.OffsetDateTime;
import java.util.UUID;
import vn.loaxa.translation.model.TaskState;

/** A translation task as the API shows it; the language comes with its Vietnamese and English names. */
public record TaskView(
        UUID id,
        UUID bulletinId,
        String bulletinTitle,
        String language,
        String languageNameVi,
        String languageNameEn,
        String assignee,
        OffsetDateTime dueAt,
        TaskState state,
        UUID readingMediaId,
        String readingAudioUrl,
        String transcript,
        String returnReason,
        String requestedBy,
        OffsetDateTime requestedAt,
        String submittedBy,
        OffsetDateTime submittedAt,
        String reviewedBy,
        OffsetDateTime reviewedAt) {}
