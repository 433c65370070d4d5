package vn.loaxa.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioCacheTest {

    @TempDir
    Path cacheDir;

    @Test
    void shouldEvictLeastRecentlyUsedAudioButNeverWhatIsStillScheduled() throws Exception {
        Path oldest = audio("a", 400, "2026-11-20T00:00:00Z");
        Path scheduled = audio("b", 400, "2026-11-21T00:00:00Z");
        Path older = audio("c", 400, "2026-11-22T00:00:00Z");
        Path recent = audio("d", 400, "2026-11-25T00:00:00Z");
        AudioCache cache = new AudioCache(cacheDir, 1000, Clock.systemUTC());

        assertThat(cache.evict(Set.of("b".repeat(64)))).containsExactly(oldest, older);

        assertThat(scheduled).exists();
        assertThat(recent).exists();
        assertThat(cache.usedBytes()).isEqualTo(800);
        assertThat(cache.freeBytes()).isEqualTo(200);
    }

    @Test
    void shouldKeepAFileThatWasJustUsed() throws Exception {
        Path first = audio("a", 600, "2026-11-20T00:00:00Z");
        Path second = audio("b", 600, "2026-11-21T00:00:00Z");
        AudioCache cache = new AudioCache(cacheDir, 1000, Clock.systemUTC());

        cache.touch(first);

        assertThat(cache.evict(Set.of())).containsExactly(second);
        assertThat(first).exists();
    }

    @Test
    void shouldKeepEverythingScheduledEvenOverTheLimit() throws Exception {
        audio("a", 600, "2026-11-20T00:00:00Z");
        audio("b", 600, "2026-11-21T00:00:00Z");

        assertThat(new AudioCache(cacheDir, 1000, Clock.systemUTC()).evict(Set.of("a".repeat(64), "b".repeat(64))))
                .isEmpty();
    }

    private Path audio(String letter, int size, String lastUsed) throws Exception {
        Path file = Files.write(cacheDir.resolve(letter.repeat(64) + ".ogg"), new byte[size]);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(lastUsed)));
        return file;
    }
}
