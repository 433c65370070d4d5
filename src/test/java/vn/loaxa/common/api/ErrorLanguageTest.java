package vn.loaxa.common.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ErrorLanguageTest {

    @Test
    void shouldTakeTheFirstLanguageLoaxaSpeaksFromAcceptLanguage() {
        assertThat(ErrorLanguage.of(List.of("fr-FR", "en-US", "vi"), null)).isEqualTo(Locale.ENGLISH);
        assertThat(ErrorLanguage.of(List.of("vi-VN", "en"), "en").getLanguage()).isEqualTo("vi");
    }

    @Test
    void shouldFallBackToTheUiCookieThenToVietnamese() {
        assertThat(ErrorLanguage.of(List.of("de"), "en")).isEqualTo(Locale.ENGLISH);
        assertThat(ErrorLanguage.of(List.of(), null).getLanguage()).isEqualTo("vi");
        assertThat(ErrorLanguage.of(List.of("*"), "xx").getLanguage()).isEqualTo("vi");
    }
}
