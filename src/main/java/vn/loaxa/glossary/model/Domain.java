package vn.loaxa.glossary.model;

import java.util.Arrays;
import java.util.Optional;
import vn.loaxa.common.text.SearchText;

/**
 * The domain (lĩnh vực) of a glossary entry. Where a bulletin topic covers the same field the code is the topic's
 * (V3's {@code topic} catalogue), so that a bulletin's topic names the glossary domain of its terms; the glossary adds
 * fields that are no bulletin topic (agriculture, education, administration) and {@link #GENERAL} for the rest.
 */
public enum Domain {
    GENERAL("chung", "chung", "general"),
    LAW("phap-luat", "pháp luật", "law"),
    HEALTH("y-te", "y tế", "health"),
    DISASTER("thien-tai-khan-cap", "thiên tai–khẩn cấp", "disasters and emergencies"),
    AGRICULTURE("nong-nghiep", "nông nghiệp", "agriculture"),
    EDUCATION("giao-duc", "giáo dục", "education"),
    SECURITY("an-ninh-quoc-phong", "an ninh–quốc phòng", "security and defence"),
    ADMINISTRATION("hanh-chinh", "hành chính", "administration"),
    CULTURE("van-hoa", "văn hóa", "culture"),
    ETHNIC_AFFAIRS("dan-toc", "dân tộc", "ethnic affairs"),
    RELIGION("ton-giao", "tôn giáo", "religion");

    private final String code;
    private final String nameVi;
    private final String nameEn;

    Domain(String code, String nameVi, String nameEn) {
        this.code = code;
        this.nameVi = nameVi;
        this.nameEn = nameEn;
    }

    public String code() {
        return code;
    }

    /** The name in Vietnamese, or in English for {@code en}. */
    public String name(String language) {
        return "en".equals(language) ? nameEn : nameVi;
    }

    /**
     * The domain a person wrote: its code or its name in either language, in any case and with or without diacritics
     * ("thien-tai-khan-cap", "Thiên tai – khẩn cấp"); blank is {@link #GENERAL}.
     */
    public static Optional<Domain> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(GENERAL);
        }
        String wanted = SearchText.fold(text);
        return Arrays.stream(values())
                .filter(d -> SearchText.fold(d.code).equals(wanted)
                        || SearchText.fold(d.nameVi).equals(wanted)
                        || SearchText.fold(d.nameEn).equals(wanted))
                .findFirst();
    }

    public static Domain ofCode(String code) {
        return Arrays.stream(values())
                .filter(d -> d.code.equals(code))
                .findFirst()
                .orElse(GENERAL);
    }
}
