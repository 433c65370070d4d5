package vn.loaxa.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    private final Topics topics = new Topics("loaxa");

    @ParameterizedTest
    @CsvSource({
        "ls-thatkhe-01, MANIFEST, loaxa/v1/rx/ls-thatkhe-01/manifest",
        "ls-thatkhe-01, EVENT,    loaxa/v1/rx/ls-thatkhe-01/event",
        "ls-thatkhe-01, STATUS,   loaxa/v1/rx/ls-thatkhe-01/status",
        "ls-thatkhe-01, CATCHUP,  loaxa/v1/rx/ls-thatkhe-01/catchup",
        "A,             EVENT,    loaxa/v1/rx/A/event",
        "rx_1.b-2,      STATUS,   loaxa/v1/rx/rx_1.b-2/status"
    })
    void shouldBuildAndParseEveryKind(String receiverId, Topics.Kind kind, String expected) {
        String topic = topics.topic(receiverId, kind);

        assertThat(topic).isEqualTo(expected);
        assertThat(topics.parse(topic)).contains(new Topics.ReceiverTopic(receiverId, kind));
    }

    @Test
    void shouldBuildAndParseTheLiveTopic() {
        String sessionId = "0b7e5c1a-2f43-4d8e-a6b1-9c3f7e2d5a10";

        assertThat(topics.live(sessionId)).isEqualTo("loaxa/v1/live/" + sessionId);
        assertThat(topics.parseLive(topics.live(sessionId))).contains(sessionId);
        assertThat(topics.isLive(topics.live(sessionId))).isTrue();
        assertThat(new Topics("test/run-42").live(sessionId)).isEqualTo("test/run-42/v1/live/" + sessionId);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "loaxa/v1/live/+",
                "loaxa/v1/live/not-a-uuid",
                "loaxa/v1/live/0b7e5c1a-2f43-4d8e-a6b1-9c3f7e2d5a10/extra",
                "other/v1/live/0b7e5c1a-2f43-4d8e-a6b1-9c3f7e2d5a10",
                "loaxa/v1/rx/rx1/manifest"
            })
    void shouldNotParseOtherTopicsAsLive(String topic) {
        assertThat(topics.parseLive(topic)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"other/v1/live/x", "loaxa/v1/rx/rx1/manifest", "loaxa/v1/liv", "loaxa"})
    void shouldTellTopicsOutsideTheLiveLevel(String topic) {
        assertThat(topics.isLive(topic)).isFalse();
        assertThat(topics.isLive(null)).isFalse();
    }

    @Test
    void shouldRefuseALiveSessionIdThatIsNotAUuid() {
        assertThatThrownBy(() -> topics.live("../rx/rx1/cmd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldBuildNamedTopics() {
        assertThat(topics.manifest("rx1")).isEqualTo("loaxa/v1/rx/rx1/manifest");
        assertThat(topics.catchUp("rx1")).isEqualTo("loaxa/v1/rx/rx1/catchup");
        assertThat(topics.event("rx1")).isEqualTo("loaxa/v1/rx/rx1/event");
        assertThat(topics.status("rx1")).isEqualTo("loaxa/v1/rx/rx1/status");
    }

    @Test
    void shouldUseMultiLevelPrefix() {
        Topics custom = new Topics("test/run-42");

        assertThat(custom.manifest("rx1")).isEqualTo("test/run-42/v1/rx/rx1/manifest");
        assertThat(custom.parse("test/run-42/v1/rx/rx1/event"))
                .contains(new Topics.ReceiverTopic("rx1", Topics.Kind.EVENT));
        assertThat(custom.parse("loaxa/v1/rx/rx1/event")).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "../x",
                "a/b",
                "+",
                "#",
                "-leading-dash",
                ".hidden",
                "has space",
                "ümlaut",
                "a+b",
                "a#",
                "0123456789012345678901234567890123456789012345678901234567890123456789"
            })
    void shouldRejectInvalidReceiverIds(String receiverId) {
        assertThat(Topics.isValidReceiverId(receiverId)).isFalse();
        assertThatThrownBy(() -> topics.event(receiverId)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a",
                "Z9",
                "ls-thatkhe-01",
                "rx.1_b-c",
                "0123456789012345678901234567890123456789012345678901234567890123"
            })
    void shouldAcceptValidReceiverIds(String receiverId) {
        assertThat(Topics.isValidReceiverId(receiverId)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "loaxa",
                "loaxa/v1/rx",
                "loaxa/v1/rx/",
                "loaxa/v1/rx/rx1",
                "loaxa/v1/rx/rx1/",
                "loaxa/v1/rx/rx1/unknown",
                "loaxa/v1/rx/rx1/manifest/extra",
                "loaxa/v2/rx/rx1/manifest",
                "other/v1/rx/rx1/manifest",
                "loaxa/v1/rx/+/manifest",
                "loaxa/v1/rx/#",
                "loaxa/v1/rx/../manifest",
                "loaxa/v1/rx//manifest",
                "loaxa/v1/rx/a/b/manifest",
                "$share/loaxa-server/loaxa/v1/rx/rx1/event",
                "loaxa/v1/rx/rx1/MANIFEST"
            })
    void shouldNotParseForeignOrMalformedTopics(String topic) {
        assertThat(topics.parse(topic)).isEmpty();
    }

    @Test
    void shouldNotParseNull() {
        assertThat(topics.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/loaxa", "loaxa/", "loa+xa", "loaxa/#", "a//b"})
    void shouldRejectInvalidPrefix(String prefix) {
        assertThatThrownBy(() -> new Topics(prefix)).isInstanceOf(IllegalArgumentException.class);
    }
}
