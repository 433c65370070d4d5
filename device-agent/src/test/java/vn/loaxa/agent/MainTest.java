package vn.loaxa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldPrintUsageAndReturnOkForHelp() {
        ExitCode code = start(Map.of(), "--help");

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(code.value()).isZero();
        assertThat(text(out)).contains("Usage:", "--receiver-id", "--mqtt-url", "Exit codes");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void shouldReturnConfigErrorWhenReceiverIdIsMissing() {
        ExitCode code = start(Map.of(), "--secret", "x");

        assertThat(code).isEqualTo(ExitCode.CONFIG_ERROR);
        assertThat(code.value()).isEqualTo(2);
        assertThat(text(err)).contains("receiver-id is required");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void shouldReturnConfigErrorForEmptyFleetFile(@TempDir Path dir) throws Exception {
        Path fleet = Files.writeString(dir.resolve("fleet.properties"), "# nobody\n");

        ExitCode code = start(Map.of(), "--fleet", fleet.toString(), "--cache-dir", dir.toString());

        assertThat(code).isEqualTo(ExitCode.CONFIG_ERROR);
        assertThat(text(err)).contains("lists no receivers");
    }

    @Test
    void shouldReturnCacheUnusableWhenCacheDirIsAFile(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");

        ExitCode code = start(
                Map.of("LOAXA_AGENT_RECEIVER_ID", "rx1", "LOAXA_AGENT_SECRET", "s"),
                "--cache-dir",
                notADirectory.resolve("cache").toString(),
                "--sink",
                "null");

        assertThat(code).isEqualTo(ExitCode.CACHE_UNUSABLE);
        assertThat(code.value()).isEqualTo(3);
        assertThat(text(err)).contains("cache directory");
    }

    private ExitCode start(Map<String, String> env, String... args) {
        return Main.start(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
