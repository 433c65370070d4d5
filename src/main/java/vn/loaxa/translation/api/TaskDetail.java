package vn.loaxa.translation.api;

import java.util.List;
import java.util.UUID;

/** A task with its source: the bulletin's Vietnamese segments, their transcripts and audio. */
public record TaskDetail(TaskView task, List<SourceSegment> source) {

    public record SourceSegment(
            UUID mediaId, String language, String title, String transcript, String audioUrl, String mp3Url) {}
}
