package vn.loaxa.account.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FirstStartNoticeTest {

    @Test
    void shouldFrameTheAddressAndEveryGeneratedPasswordInOneBlock() {
        String text = FirstStartNotice.text(
                "http://127.0.0.1:8080/",
                List.of(
                        new FirstStartNotice.Credential("admin", "admin", null, "Xq3-secret-1"),
                        new FirstStartNotice.Credential("bientap.langson", "editor", "20", "Yz9-secret-2")));

        List<String> lines = text.strip().lines().toList();
        assertThat(lines.get(0)).matches("\\+=+\\+");
        assertThat(lines.get(lines.size() - 1)).isEqualTo(lines.get(0));
        assertThat(lines).allSatisfy(line -> assertThat(line).hasSameSizeAs(lines.get(0)));
        assertThat(lines.subList(1, lines.size() - 1))
                .allSatisfy(line -> assertThat(line).startsWith("|  ").endsWith("  |"));
        assertThat(text)
                .contains("Mở trình duyệt tại: http://127.0.0.1:8080/")
                .contains("Open in a browser:   http://127.0.0.1:8080/")
                .contains("shown only this once");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("admin").contains("Xq3-secret-1"));
        assertThat(lines)
                .anySatisfy(line -> assertThat(line)
                        .contains("bientap.langson")
                        .contains("editor")
                        .contains("20")
                        .contains("Yz9-secret-2"));
    }

    @Test
    void shouldShowOnlyTheAddressWhenNoPasswordWasGenerated() {
        String text = FirstStartNotice.text("http://loa.example.vn/", List.of());

        assertThat(text)
                .contains("http://loa.example.vn/")
                .doesNotContain("password")
                .doesNotContain("Mật khẩu");
    }
}
