package vn.loaxa.agent.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files, as lowercase hex. */
public final class Sha256 {

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int SHORT_FORM_LENGTH = 8;

    private Sha256() {}

    /** The lowercase hex SHA-256 of the file's content. */
    public static String of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER_SIZE];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** True if the file exists and its SHA-256 equals {@code expectedHex}. */
    public static boolean matches(Path file, String expectedHex) throws IOException {
        return Files.isRegularFile(file) && of(file).equals(expectedHex);
    }

    /** The first hex digits followed by an ellipsis, for messages people read: {@code 3b0c5a54…}. */
    public static String abbreviate(String hex) {
        return hex == null || hex.length() <= SHORT_FORM_LENGTH
                ? String.valueOf(hex)
                : hex.substring(0, SHORT_FORM_LENGTH) + "…";
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
