package vn.loaxa.search.api;

import java.util.UUID;

/** One search result: a media item or a bulletin, with the score it was ranked by (higher first). */
public record SearchHit(Kind kind, UUID id, String title, String topic, String url, double score) {

    public enum Kind {
        MEDIA,
        BULLETIN
    }
}
