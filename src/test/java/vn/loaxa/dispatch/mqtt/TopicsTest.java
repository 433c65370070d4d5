package vn.loaxa.dispatch.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {
    private final Topics topics = new Topics("loaxa");

    @ParameterizedTest
    @CsvSource({
        "ls-thatkhe-01, MANIFEST, loaxa/v1/rx/ls-thatkhe-01/manifest",
        "ls-thatkhe-01, EVENT, loaxa/v1/rx/ls-thatkhe-01/event",
        "A.b_c-9, STATUS, loaxa/v1/rx/A.b_c-9/status",
        "ls-thatkhe-01, HEARTBEAT, loaxa/v1/rx/ls-thatkhe-01/heartbeat",
        "ls-thatkhe-01, COMMAND, loaxa/v1/rx/ls-thatkhe-01/cmd",
        "ls-thatkhe-01, AREAS, loaxa/v1/rx/ls-thatkhe-01/areas",
        "ls-thatkhe-01, CATCHUP, loaxa/v1/rx/ls-thatkhe-01/catchup"
    })
    void shouldBuildAndParseReceiverTopics(String receiverId, Topics.Kind kind, String topic) {
        assertThat(topics.receiver(receiverId, kind)).isEqualTo(topic);
        assertThat(topics.parse(topic)).contains(new Topics.Address(receiverId, kind));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "loaxa/v1/rx/",
                "loaxa/v1/rx/a",
                "loaxa/v1/rx/a/unknown",
                "loaxa/v1/rx/a/event/x",
                "other/v1/rx/a/event",
                "loaxa/v2/rx/a/event",
                "loaxa/v1/rx/+/event",
                "loaxa/v1/rx/#/event",
                "loaxa/v1/rx/../event",
                "loaxa/v1/rx/.hidden/event",
                "loaxa/v1/rx//event"
            })
    void shouldRejectTopicsThatAreNotReceiverTopics(String topic) {
        assertThat(topics.parse(topic)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "a/b",
                "+",
                "#",
                "../x",
                "-leading-dash",
                "x1234567890123456789012345678901234567890123456789012345678901234"
            })
    void shouldRefuseToBuildTopicsForInvalidReceiverIds(String receiverId) {
        assertThatThrownBy(() -> topics.receiver(receiverId, Topics.Kind.EVENT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldBuildAreaManifestTopics() {
        assertThat(topics.areaManifest("20-TK")).isEqualTo("loaxa/v1/area/20-TK/manifest");
        assertThat(topics.parse("loaxa/v1/area/20-TK/manifest")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "+", "#", "-x", "a.b", "x123456789012345678901234567890123"})
    void shouldRefuseToBuildTopicsForInvalidAreaCodes(String code) {
        assertThatThrownBy(() -> topics.areaManifest(code)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldPutTheInboundProbeUnderTheHeartbeatFilterButOutsideEveryReceiversTopics() {
        assertThat(topics.inboundProbe()).isEqualTo("loaxa/v1/rx/_probe/heartbeat");
        assertThat(topics.parse(topics.inboundProbe()))
                .as("never taken for a receiver's heartbeat")
                .isEmpty();
        assertThat(Topics.isValidReceiverId("_probe")).isFalse();
        assertThat(topics.inboundProbe().split("/")[3])
                .as("one topic level for brokers that read a dot as a level delimiter (Artemis)")
                .doesNotContain(".");
    }

    @Test
    void shouldBuildSharedSubscriptionFilters() {
        assertThat(topics.sharedAllReceivers("loaxa-server", Topics.Kind.EVENT))
                .isEqualTo("$share/loaxa-server/loaxa/v1/rx/+/event");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/+", "#", "$SYS", "/a", "a/"})
    void shouldRejectInvalidPrefixes(String prefix) {
        assertThatThrownBy(() -> new Topics(prefix)).isInstanceOf(IllegalArgumentException.class);
    }
}
