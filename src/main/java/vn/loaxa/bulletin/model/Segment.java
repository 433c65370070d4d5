package vn.loaxa.bulletin.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.UUID;

/** One media item of a bulletin, in one language or {@code ALL} (chimes, music). */
@Embeddable
public class Segment {
    @Column(name = "media_id")
    public UUID mediaId;

    public String language;

    public Segment() {}

    public Segment(UUID mediaId, String language) {
        this.mediaId = mediaId;
        this.language = language;
    }
}
