package vn.loaxa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.agent.config.AgentConfig;
import vn.loaxa.agent.config.SinkType;
import vn.loaxa.agent.config.Tuning;

class AgentRuntimeTest {

    @Test
    void shouldGiveEachSimulatedAgentItsOwnIdSecretCacheAndTheNullSink() {
        AgentConfig config = new AgentConfig(
                null,
                "base",
                "tcp://127.0.0.1:1884",
                null,
                "loaxa",
                Path.of("sims"),
                SinkType.JAVASOUND,
                null,
                30,
                3,
                Tuning.defaults());

        List<AgentConfig> members = AgentRuntime.simulatedMembers(config);

        assertThat(members).extracting(AgentConfig::receiverId).containsExactly("sim-00001", "sim-00002", "sim-00003");
        assertThat(members).extracting(AgentConfig::secret).containsExactly("base-00001", "base-00002", "base-00003");
        assertThat(members)
                .extracting(AgentConfig::cacheDir)
                .containsExactly(
                        Path.of("sims", "sim-00001"), Path.of("sims", "sim-00002"), Path.of("sims", "sim-00003"));
        assertThat(members).allSatisfy(member -> {
            assertThat(member.sink()).isEqualTo(SinkType.NULL);
            assertThat(member.isFleet()).isFalse();
        });
    }

    @Test
    void shouldGiveSimulatedAgentsTheSecretsTheServerIssued() {
        AgentConfig config = new AgentConfig(
                null,
                null,
                "tcp://127.0.0.1:1884",
                null,
                "loaxa",
                Path.of("sims"),
                SinkType.NULL,
                null,
                30,
                2,
                Tuning.defaults());
        Map<String, String> issued = new LinkedHashMap<>();
        issued.put("sim-00001", "k3yA");
        issued.put("sim-00002", "k3yB");

        List<AgentConfig> members = AgentRuntime.simulatedMembers(config, issued);

        assertThat(AgentRuntime.simulatedIds(2)).containsExactly("sim-00001", "sim-00002");
        assertThat(members).extracting(AgentConfig::receiverId).containsExactly("sim-00001", "sim-00002");
        assertThat(members).extracting(AgentConfig::secret).containsExactly("k3yA", "k3yB");
    }

    @Test
    void shouldRunTheLocalClockMinutesFastOrSlowOnlyWhenTheTestPropertyAsks() {
        assertThat(Duration.between(Instant.now(), AgentRuntime.localClock().instant())
                        .abs())
                .isLessThan(Duration.ofSeconds(1));
        try {
            System.setProperty(AgentRuntime.CLOCK_SKEW_PROPERTY, "180");
            assertThat(Duration.between(Instant.now(), AgentRuntime.localClock().instant()))
                    .isBetween(Duration.ofSeconds(179), Duration.ofSeconds(181));
            System.setProperty(AgentRuntime.CLOCK_SKEW_PROPERTY, "-180");
            assertThat(Duration.between(Instant.now(), AgentRuntime.localClock().instant()))
                    .isBetween(Duration.ofSeconds(-181), Duration.ofSeconds(-179));
        } finally {
            System.clearProperty(AgentRuntime.CLOCK_SKEW_PROPERTY);
        }
    }
}
