package vn.loaxa.media.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    @ParameterizedTest
    @CsvSource({
        "bytes=0-99, 0, 99",
        "bytes=100-, 100, 999",
        "bytes=-100, 900, 999",
        "bytes=990-2000, 990, 999",
        "bytes=-5000, 0, 999"
    })
    void shouldParseSingleRanges(String header, long first, long last) {
        assertThat(ByteRange.parse(header, 1000)).contains(new ByteRange(first, last));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-1,5-9", "items=0-1", "bytes=-", "garbage"})
    void shouldServeTheWholeFileForRangesItIgnores(String header) {
        assertThat(ByteRange.parse(header, 1000)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=5-2", "bytes=-0", "bytes=99999999999999999999-"})
    void shouldRejectUnsatisfiableRanges(String header) {
        assertThatThrownBy(() -> ByteRange.parse(header, 1000))
                .isInstanceOf(ByteRange.UnsatisfiableRangeException.class);
    }

    @ParameterizedTest
    @CsvSource({"bytes=0-99, 'bytes 0-99/1000'", "bytes=-1, 'bytes 999-999/1000'"})
    void shouldDescribeTheServedRange(String header, String contentRange) {
        assertThat(ByteRange.parse(header, 1000).orElseThrow().contentRange(1000))
                .isEqualTo(contentRange);
    }
}
