package vn.loaxa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.agent.protocol.Areas;
import vn.loaxa.agent.protocol.AudioRef;
import vn.loaxa.agent.protocol.Json;
import vn.loaxa.agent.protocol.Manifest;
import vn.loaxa.agent.protocol.ManifestEntry;
import vn.loaxa.agent.protocol.Priority;
import vn.loaxa.agent.protocol.Schemas;
import vn.loaxa.agent.store.ManifestStore;

class ManifestStateTest {

    private static final String RECEIVER = "rx-1";
    private static final Topics TOPICS = new Topics(Topics.DEFAULT_PREFIX);
    private static final String OWN_TOPIC = TOPICS.manifest(RECEIVER);
    private static final String AREAS_TOPIC = TOPICS.areas(RECEIVER);
    private static final Instant PLAY_AT = Instant.parse("2026-11-20T07:00:00Z");

    @TempDir
    Path cacheDir;

    private final ObjectMapper json = Json.newMapper();
    private final MessageCounters counters = new MessageCounters();
    private ManifestState state;

    @BeforeEach
    void newState() {
        state = new ManifestState(RECEIVER, new ManifestStore(cacheDir, json), counters);
    }

    @Test
    void shouldPlayTheUnionOfAreasAndOwnWithTheOwnEntryWinning() {
        state.acceptAreas(AREAS_TOPIC, areas(1, "vn", "vn-hn"));
        state.acceptArea(
                TOPICS.areaManifest("vn"),
                "vn",
                areaManifest("vn", 1, entry("national", "vn"), entry("shared", "from the area")));
        state.acceptArea(TOPICS.areaManifest("vn-hn"), "vn-hn", areaManifest("vn-hn", 1, entry("city", "vn-hn")));
        state.acceptOwn(OWN_TOPIC, own(1, entry("shared", "from the receiver"), entry("local", "own")));

        assertThat(state.merged()).containsOnlyKeys("national", "shared", "city", "local");
        assertThat(state.merged().get("shared").title()).isEqualTo("from the receiver");
        assertThat(state.version()).isEqualTo(OptionalLong.of(1));
        assertThat(counters.acceptedManifests()).isEqualTo(3);
    }

    @Test
    void shouldIgnoreAVersionThatIsNotNewerAndCountItStale() {
        assertThat(state.acceptOwn(OWN_TOPIC, own(5, entry("a", "first")))).isTrue();

        assertThat(state.acceptOwn(OWN_TOPIC, own(5, entry("b", "same version"))))
                .isFalse();
        assertThat(state.acceptOwn(OWN_TOPIC, own(4, entry("c", "older")))).isFalse();

        assertThat(state.merged()).containsOnlyKeys("a");
        assertThat(counters.staleManifests()).isEqualTo(2);
        assertThat(state.acceptOwn(OWN_TOPIC, own(6))).isTrue();
        assertThat(state.merged()).isEmpty();
    }

    @Test
    void shouldAcceptTheVersionHeldOnceMoreAfterResync() {
        state.acceptOwn(OWN_TOPIC, own(3, entry("a", "first")));

        state.resyncOnce(OWN_TOPIC);

        assertThat(state.acceptOwn(OWN_TOPIC, own(3, entry("a", "first")))).isTrue();
        assertThat(state.acceptOwn(OWN_TOPIC, own(3, entry("a", "first")))).isFalse();
        assertThat(state.acceptOwn(OWN_TOPIC, own(2))).isFalse();
    }

    @Test
    void shouldForgetTheEntriesOfAnAreaLeft() {
        state.acceptAreas(AREAS_TOPIC, areas(1, "vn", "vn-hn"));
        state.acceptArea(TOPICS.areaManifest("vn-hn"), "vn-hn", areaManifest("vn-hn", 1, entry("city", "vn-hn")));

        ManifestState.AreasChange change =
                state.acceptAreas(AREAS_TOPIC, areas(2, "vn", "vn-dn")).orElseThrow();

        assertThat(change.left()).containsExactly("vn-hn");
        assertThat(change.joined()).containsExactly("vn-dn");
        assertThat(change.entriesLeft()).isTrue();
        assertThat(state.merged()).isEmpty();
        assertThat(state.areaCodes()).containsExactly("vn", "vn-dn");
        assertThat(state.acceptAreas(AREAS_TOPIC, areas(2, "vn")))
                .as("not newer")
                .isEmpty();
    }

    @Test
    void shouldRestoreWhatWasAcceptedBeforeARestart() {
        state.acceptAreas(AREAS_TOPIC, areas(1, "vn"));
        state.acceptArea(TOPICS.areaManifest("vn"), "vn", areaManifest("vn", 2, entry("national", "vn")));
        state.acceptOwn(OWN_TOPIC, own(7, entry("local", "own")));

        ManifestState restarted = new ManifestState(RECEIVER, new ManifestStore(cacheDir, json), counters);

        assertThat(restarted.restore()).isTrue();
        assertThat(restarted.version()).isEqualTo(OptionalLong.of(7));
        assertThat(restarted.areaCodes()).containsExactly("vn");
        assertThat(restarted.merged()).containsOnlyKeys("national", "local");
        assertThat(restarted.acceptOwn(OWN_TOPIC, own(7)))
                .as("the restored version is held")
                .isFalse();
    }

    @Test
    void shouldHaveNothingToRestoreOnAFirstStart() {
        assertThat(state.restore()).isFalse();
        assertThat(state.version()).isEmpty();
        assertThat(state.merged()).isEmpty();
    }

    private static Manifest own(long version, ManifestEntry... entries) {
        return new Manifest(Schemas.MANIFEST, RECEIVER, version, PLAY_AT.minusSeconds(3600), List.of(entries));
    }

    private static Manifest areaManifest(String code, long version, ManifestEntry... entries) {
        return new Manifest(Schemas.MANIFEST, null, version, PLAY_AT.minusSeconds(3600), List.of(entries), code);
    }

    private static Areas areas(long version, String... codes) {
        return new Areas(Schemas.AREAS, RECEIVER, version, List.of(codes));
    }

    private static ManifestEntry entry(String occurrenceId, String title) {
        return new ManifestEntry(
                occurrenceId,
                "b-" + occurrenceId,
                title,
                Priority.NORMAL,
                PLAY_AT,
                PLAY_AT.plusSeconds(600),
                new AudioRef("http://audio.test/" + occurrenceId, "a".repeat(64), 1_000L, 100L, "audio/ogg"));
    }
}
