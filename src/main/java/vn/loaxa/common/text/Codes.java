package vn.loaxa.common.text;

import java.util.function.Predicate;

/**
 * Codes made from names, for people who pick things by name and never type a code: "Xã Pác Lạn" gives
 * {@code xa-pac-lan}, then {@code xa-pac-lan-2} if that is taken.
 */
public final class Codes {
    private Codes() {}

    /**
     * A free code from the name: its folded words joined by '-', at most {@code maxLength} characters, with a number
     * appended while {@code taken} says the code is in use; {@code fallback} when the name has no letters or digits.
     */
    public static String fromName(String name, String fallback, int maxLength, Predicate<String> taken) {
        String base = SearchText.fold(name).replace(' ', '-');
        if (base.isEmpty()) {
            base = fallback;
        }
        base = trim(base, maxLength - 4);
        String code = base;
        for (int n = 2; taken.test(code); n++) {
            code = base + "-" + n;
        }
        return code;
    }

    private static String trim(String code, int maxLength) {
        String cut = code.length() > maxLength ? code.substring(0, maxLength) : code;
        while (cut.endsWith("-")) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }
}
