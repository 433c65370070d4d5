package vn.loaxa.agent.protocol;

import java.util.regex.Pattern;

/**
 * Where to fetch an entry's audio and how to check it.
 *
 * @param url         absolute HTTP URL of the distribution file
 * @param sha256      lowercase hex SHA-256 of the file
 * @param durationMs  duration in milliseconds, informational
 * @param sizeBytes   size of the file in bytes, if known
 * @param contentType MIME type, e.g. {@code audio/ogg}
 */
public record AudioRef(String url, String sha256, Long durationMs, Long sizeBytes, String contentType) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** True if {@link #sha256} is 64 lowercase hex digits (and therefore also safe as a file name). */
    public boolean hasValidSha256() {
        return sha256 != null && SHA256_HEX.matcher(sha256).matches();
    }
}
