package vn.loaxa.media.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A single satisfiable byte range of an HTTP {@code Range} header (RFC 9110 §14.1.2). */
public record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    public long length() {
        return last - first + 1;
    }

    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * Parses the header against a representation of {@code size} bytes. Empty means "serve the whole file"
     * (no header, or a form such as multiple ranges that a server may ignore).
     *
     * @throws UnsatisfiableRangeException when the range lies outside the file
     */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    throw new UnsatisfiableRangeException();
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (first >= size || last < first) {
                throw new UnsatisfiableRangeException();
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            throw new UnsatisfiableRangeException();
        }
    }

    /** The requested range cannot be served; answered with 416. */
    public static class UnsatisfiableRangeException extends RuntimeException {
        public UnsatisfiableRangeException() {
            super("The requested range is outside the file");
        }
    }
}
