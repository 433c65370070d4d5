package vn.loaxa.agent.protocol;

import java.time.Instant;

/**
 * A live stream to relay (tiếp sóng) instead of a downloaded file: played from {@code playAt} until {@code endsAt}.
 *
 * @param url         absolute http or https URL of the stream (Icecast or plain HTTP; MP3, AAC or Opus)
 * @param endsAt      the UTC instant at which the relay window closes and playback stops
 * @param contentType MIME type if known, informational
 */
public record RelayRef(String url, Instant endsAt, String contentType) {

    /** True if the URL is http or https and the window has an end. */
    public boolean isComplete() {
        return url != null && (url.startsWith("http://") || url.startsWith("https://")) && endsAt != null;
    }
}
