package vn.loaxa.bulletin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.loaxa.access.AreaPaths;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.BulletinStatus;
import vn.loaxa.bulletin.model.BulletinTransition;

/** Who counts as a bulletin's author, and which area's setting decides whether the rule holds. */
class FourEyesRuleTest {
    private static final Map<String, String> PATHS = Map.of(
            "20", "/20/",
            "20-TK", "/20/20-TK/",
            "20-TK-NA", "/20/20-TK/20-TK-NA/",
            "19", "/19/");
    private static final AreaPaths AREAS = code -> Optional.ofNullable(PATHS.get(code));

    @Test
    void shouldHoldEverywhereByDefault() {
        FourEyesRule rule = new FourEyesRule(config(true, Map.of()), AREAS);

        assertThat(rule.appliesTo(null)).isTrue();
        assertThat(rule.appliesTo("20-TK-NA")).isTrue();
    }

    @Test
    void shouldLetTheNearestAreaWithASettingDecide() {
        FourEyesRule rule = new FourEyesRule(config(true, Map.of("20", false, "20-TK-NA", true)), AREAS);

        assertThat(rule.appliesTo("20")).isFalse();
        assertThat(rule.appliesTo("20-TK")).isFalse();
        assertThat(rule.appliesTo("20-TK-NA")).isTrue();
        assertThat(rule.appliesTo("19")).isTrue();
        assertThat(rule.appliesTo(null)).isTrue();
        FourEyesRule offButInOneProvince = new FourEyesRule(config(false, Map.of("19", true)), AREAS);
        assertThat(offButInOneProvince.appliesTo("20-TK")).isFalse();
        assertThat(offButInOneProvince.appliesTo("19")).isTrue();
        assertThat(offButInOneProvince.appliesTo(null)).isFalse();
    }

    @Test
    void shouldCountTheCreatorEveryEditorAndEverySubmitterAsAuthors() {
        Bulletin bulletin = new Bulletin();
        bulletin.createdBy = "bientap";
        bulletin.ownerArea = "20-TK";
        List<BulletinTransition> history = List.of(
                step(null, BulletinStatus.DRAFT, "bientap"),
                step(BulletinStatus.DRAFT, BulletinStatus.DRAFT, "sua-tin"),
                step(BulletinStatus.DRAFT, BulletinStatus.SUBMITTED, "gui-tin"),
                step(BulletinStatus.SUBMITTED, BulletinStatus.REJECTED, "duyet"),
                step(BulletinStatus.REJECTED, BulletinStatus.SUBMITTED, "bientap"));

        assertThat(FourEyesRule.authors(bulletin, history)).containsExactly("bientap", "sua-tin", "gui-tin");
        FourEyesRule rule = new FourEyesRule(config(true, Map.of()), AREAS);
        assertThat(rule.allows(bulletin, history, "duyet")).isTrue();
        assertThat(rule.allows(bulletin, history, "bientap")).isFalse();
        assertThat(rule.allows(bulletin, history, "sua-tin")).isFalse();
        assertThat(rule.allows(bulletin, history, "gui-tin")).isFalse();
        assertThat(new FourEyesRule(config(true, Map.of("20", false)), AREAS).allows(bulletin, history, "bientap"))
                .isTrue();
    }

    private static BulletinTransition step(BulletinStatus from, BulletinStatus to, String actor) {
        BulletinTransition step = new BulletinTransition();
        step.fromStatus = from;
        step.toStatus = to;
        step.actor = actor;
        return step;
    }

    private static BulletinConfig config(boolean enabled, Map<String, Boolean> areas) {
        return new BulletinConfig() {
            @Override
            public Duration segmentGap() {
                return Duration.ofMillis(500);
            }

            @Override
            public Optional<Path> introChime() {
                return Optional.empty();
            }

            @Override
            public FourEyes fourEyes() {
                return new FourEyes() {
                    @Override
                    public boolean enabled() {
                        return enabled;
                    }

                    @Override
                    public Map<String, Boolean> areas() {
                        return areas;
                    }
                };
            }
        };
    }
}
