package vn.loaxa.report.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loaxa.report.service.LanguageShares.Part;

class LanguageSharesTest {
    private static final List<Part> BULLETIN = List.of(
            new Part("ALL", "zxx", 2_000),
            new Part("vie", "vie", 5_000),
            new Part("tyz", "tyz", 3_000),
            new Part("nut", "nut", 4_000));

    @Test
    void shouldDivideAPlayByTheSegmentsItsVariantHolds() {
        assertThat(LanguageShares.shares(BULLETIN, "vie,tyz", "vie"))
                .containsEntry("zxx", 0.2)
                .containsEntry("vie", 0.5)
                .containsEntry("tyz", 0.3)
                .doesNotContainKey("nut");
    }

    @Test
    void shouldCountTheVariantOfSharedSegmentsOnlyUnderTheirAudiosLanguage() {
        assertThat(LanguageShares.shares(BULLETIN, "ALL", "vie")).containsExactly(Map.entry("zxx", 1.0));
    }

    @Test
    void shouldFallBackToTheAudiosLanguageWithoutSegmentsToGoBy() {
        assertThat(LanguageShares.shares(null, "vie", "vie")).containsExactly(Map.entry("vie", 1.0));
        assertThat(LanguageShares.shares(BULLETIN, null, "tyz")).containsExactly(Map.entry("tyz", 1.0));
        assertThat(LanguageShares.shares(List.of(new Part("vie", "vie", 0)), "vie", "vie"))
                .containsExactly(Map.entry("vie", 1.0));
    }
}
