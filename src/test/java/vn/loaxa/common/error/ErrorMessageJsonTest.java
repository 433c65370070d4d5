package vn.loaxa.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ErrorMessageJsonTest {

    @Test
    void shouldRenderAStoredMessageInEachReadersLanguage() {
        ErrorMessage stored = ErrorMessage.of("media.unusable", ErrorMessage.of("media.too-short.trimmed", 0.49, 1.0));

        ErrorMessage read = ErrorMessageJson.read(ErrorMessageJson.write(stored));

        assertThat(read).isEqualTo(stored);
        assertThat(read.render(Locale.forLanguageTag("vi")))
                .isEqualTo("Không dùng được tệp âm thanh này: âm thanh chỉ dài 0,49 giây khi bỏ khoảng lặng ở đầu và"
                        + " cuối; cần ít nhất 1,0 giây");
        assertThat(read.render(Locale.ENGLISH))
                .isEqualTo("Cannot use this audio file: the audio is 0.49 s long without its leading and trailing"
                        + " silence; the minimum is 1.0 s");
    }

    @Test
    void shouldKeepWholeNumbersTextAndLiterals() {
        ErrorMessage stored = ErrorMessage.of("media.too-long", 61L, 5L, 60L);
        assertThat(ErrorMessageJson.read(ErrorMessageJson.write(stored)).render(Locale.ENGLISH))
                .isEqualTo("the audio is at least 61 min 05 s long; the maximum is 60 min");
        ErrorMessage literal = ErrorMessage.literal("FFmpeg: Invalid data");
        assertThat(ErrorMessageJson.read(ErrorMessageJson.write(literal))).isEqualTo(literal);
    }
}
