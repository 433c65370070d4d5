package vn.loaxa.common.text;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Folds Vietnamese text for search: lower case, diacritics removed (đ/Đ → d), punctuation and dashes turned into
 * single spaces. The same folding is stored in the search columns and applied to queries, so "thien tai" matches
 * "Thiên tai–khẩn cấp" with a plain LIKE on any database.
 */
public final class SearchText {

    private SearchText() {}

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
        return decomposed
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .strip();
    }

    /** The folded words of a query, without repeats. */
    public static List<String> terms(String query) {
        String folded = fold(query);
        return folded.isEmpty()
                ? List.of()
                : Arrays.stream(folded.split(" ")).distinct().toList();
    }

    /** One search column from several fields, each folded; blank fields are left out. */
    public static String document(String... fields) {
        String joined = Stream.of(fields)
                .filter(Objects::nonNull)
                .map(SearchText::fold)
                .filter(f -> !f.isEmpty())
                .collect(Collectors.joining(" | "));
        return " " + joined + " ";
    }
}
