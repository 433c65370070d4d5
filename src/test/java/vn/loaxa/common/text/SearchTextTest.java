package vn.loaxa.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTextTest {

    @Test
    void shouldFoldVietnameseDiacriticsAndDBar() {
        assertThat(SearchText.fold("Thiên tai–Khẩn cấp")).isEqualTo("thien tai khan cap");
        assertThat(SearchText.fold("Đồng Đăng, đài truyền thanh")).isEqualTo("dong dang dai truyen thanh");
        assertThat(SearchText.fold("DÂN TỘC")).isEqualTo("dan toc");
    }

    @Test
    void shouldFoldDecomposedTextLikeComposedText() {
        String decomposed = java.text.Normalizer.normalize("Tiếng Tày", java.text.Normalizer.Form.NFD);

        assertThat(SearchText.fold(decomposed))
                .isEqualTo(SearchText.fold("Tiếng Tày"))
                .isEqualTo("tieng tay");
    }

    @Test
    void shouldSplitAQueryIntoDistinctFoldedTerms() {
        assertThat(SearchText.terms("  Dân tộc, dan TOC! ")).containsExactly("dan", "toc");
        assertThat(SearchText.terms("–")).isEmpty();
    }
}
