package vn.loaxa.agent.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A live session (phát trực tiếp) to play instead of a downloaded file: Opus frames published on the session's
 * topic, each played at its capture time plus {@code delayMs} (docs/protocol.md, "Live sessions").
 *
 * @param sessionId  the session; its frames come on {@code {prefix}/v1/live/{sessionId}}
 * @param codec      always {@code opus} in this version
 * @param sampleRate always 48000 in this version
 * @param channels   always 1 in this version
 * @param frameKey   base64 of the session's 32-byte key, which authenticates every frame
 * @param delayMs    the fixed playout delay after each frame's capture time
 * @param endsAt     the latest end of the session
 */
public record LiveRef(
        String sessionId,
        String codec,
        Integer sampleRate,
        Integer channels,
        String frameKey,
        Integer delayMs,
        Instant endsAt) {

    /** The only codec this version plays. */
    public static final String OPUS = "opus";
    /** The only sample rate this version plays. */
    public static final int SAMPLE_RATE = 48_000;
    /** Bytes of a frame key. */
    public static final int FRAME_KEY_BYTES = 32;

    /** True if every field the agent needs to subscribe and wait is present. */
    @JsonIgnore
    public boolean isComplete() {
        return sessionId != null && frameKey != null && delayMs != null && delayMs >= 0 && endsAt != null;
    }

    /** Why this agent cannot play the session, in words a person can act on; empty if it can. */
    public Optional<String> unplayableReason() {
        if (!OPUS.equals(codec)
                || sampleRate == null
                || sampleRate != SAMPLE_RATE
                || channels == null
                || channels != 1) {
            return Optional.of("live session " + sessionId + " is " + codec + " " + sampleRate + " Hz " + channels
                    + " channel(s); this agent plays only opus 48000 Hz mono");
        }
        if (frameKeyBytes().isEmpty()) {
            return Optional.of("live session " + sessionId + " has a frame key that is not " + FRAME_KEY_BYTES
                    + " bytes of base64");
        }
        return Optional.empty();
    }

    /** The decoded frame key, if it is base64 of the right length. */
    public Optional<byte[]> frameKeyBytes() {
        if (frameKey == null) {
            return Optional.empty();
        }
        try {
            byte[] key = Base64.getDecoder().decode(frameKey);
            return key.length == FRAME_KEY_BYTES ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
