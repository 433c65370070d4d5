package vn.loaxa.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The translator's files: the same keys in both languages, and every text a pattern that formats. */
class ErrorBundlesTest {

    private static Properties load(String language) throws IOException {
        Properties texts = new Properties();
        try (InputStream in =
                ErrorBundlesTest.class.getResourceAsStream("/messages/errors_" + language + ".properties")) {
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return texts;
    }

    @Test
    void shouldHaveEveryEnglishTextInVietnamese() throws IOException {
        Set<String> vietnamese = load("vi").stringPropertyNames();
        Set<String> missing = new TreeSet<>(load("en").stringPropertyNames());
        missing.removeAll(vietnamese);
        assertThat(missing).isEmpty();
    }

    @Test
    void shouldHaveEveryVietnameseTextInEnglishButTheStatusNames() throws IOException {
        Set<String> english = load("en").stringPropertyNames();
        Set<String> missing = load("vi").stringPropertyNames().stream()
                .filter(key -> !english.contains(key))
                .filter(key -> !key.startsWith("status."))
                .filter(key -> !key.startsWith("jakarta.validation.constraints.Decimal"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(missing).isEmpty();
    }

    @Test
    void shouldParseEveryTextAsAMessageFormat() throws IOException {
        for (String language : new String[] {"vi", "en"}) {
            Properties texts = load(language);
            for (String key : texts.stringPropertyNames()) {
                if (key.contains(".validation.")) {
                    continue; // Bean Validation texts name the rule's attributes: {min}, {max}
                }
                assertThat(new MessageFormat(texts.getProperty(key)).format(new Object[] {1, 2, 3, 4, 5, 6}))
                        .as(language + " " + key)
                        .isNotBlank();
            }
        }
    }

    @Test
    void shouldRenderAMessageInEachLanguageWithItsArgumentsTranslatedToo() {
        NotFoundException missing = NotFoundException.of("Receiver group", "xa-bac");

        assertThat(missing.getMessage()).isEqualTo("Receiver group 'xa-bac' does not exist");
        assertThat(missing.text().render(Locale.forLanguageTag("vi"))).isEqualTo("Không tìm thấy nhóm cụm thu này");
        assertThat(missing.text().render(Locale.forLanguageTag("fr"))).isEqualTo("Không tìm thấy nhóm cụm thu này");
        assertThat(missing.text().render(Locale.UK)).isEqualTo("Receiver group 'xa-bac' does not exist");
    }

    @Test
    void shouldKeepAnUntranslatedTextAsItIs() {
        ConflictException conflict = new ConflictException("as it is");

        assertThat(conflict.text().render(Locale.forLanguageTag("vi"))).isEqualTo("as it is");
        assertThat(conflict.getMessage()).isEqualTo("as it is");
    }
}
