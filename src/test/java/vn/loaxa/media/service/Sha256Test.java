package vn.loaxa.media.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    @TempDir
    Path dir;

    @Test
    void shouldHashKnownContent() throws Exception {
        Path file = Files.writeString(dir.resolve("abc.txt"), "abc", StandardCharsets.US_ASCII);

        assertThat(Sha256.ofFile(file)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void shouldHashEmptyFile() throws Exception {
        Path file = Files.createFile(dir.resolve("empty"));

        assertThat(Sha256.ofFile(file)).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void shouldHashFilesLargerThanTheReadBuffer() throws Exception {
        byte[] content = new byte[200_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        Path file = Files.write(dir.resolve("big.bin"), content);

        assertThat(Sha256.ofFile(file))
                .isEqualTo(java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(content)));
    }
}
