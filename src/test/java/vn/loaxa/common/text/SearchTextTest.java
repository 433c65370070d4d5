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
    void shouldFoldTayWordsToTheirBareLetters() {
        assertThat(SearchText.fold("Slấc, pác, mì, đây, bjoóc, lồm, phja, nặm, khẩu, slư"))
                .isEqualTo("slac pac mi day bjooc lom phja nam khau slu");
        assertThat(SearchText.fold("Vằn nẩy phân lai, nặm thuổm nà")).isEqualTo("van nay phan lai nam thuom na");
    }

    @Test
    void shouldFoldLettersWithMarksThatVietnameseDoesNotCombine() {
        // ơ̆ and ư̆ (a breve over a horned letter) have no precomposed form; ǎ has one, with a caron
        assertThat(SearchText.fold("lơ\u0306m mư\u0306n")).isEqualTo("lom mun");
        assertThat(SearchText.fold("Ơ\u0306 Ư\u0306 ǎ Ǎ")).isEqualTo("o u a a");
        // đ with a mark of its own, decomposed or not
        assertThat(SearchText.fold("đ\u0323 Đ\u0301")).isEqualTo("d d");
        assertThat(SearchText.fold(java.text.Normalizer.normalize("Đồng khẩu", java.text.Normalizer.Form.NFD)))
                .isEqualTo("dong khau");
    }

    @Test
    void shouldSplitAQueryIntoDistinctFoldedTerms() {
        assertThat(SearchText.terms("  Dân tộc, dan TOC! ")).containsExactly("dan", "toc");
        assertThat(SearchText.terms("–")).isEmpty();
    }
}
