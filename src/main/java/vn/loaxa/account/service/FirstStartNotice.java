package vn.loaxa.account.service;

import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What a person starting loaxa must see: the address to open and, on the first start, the generated passwords. The
 * start-up steps that create accounts {@link #add} them here; once the HTTP server listens, after the start-up logs of
 * every other part (the embedded broker's among them), one framed block says it all. Passwords are shown only this
 * once: only their hashes are stored.
 */
@ApplicationScoped
public class FirstStartNotice {
    private static final Logger LOG = Logger.getLogger(FirstStartNotice.class);

    /** An account created with a generated password: its name, role, area (or null) and password. */
    public record Credential(String username, String role, String areaCode, String password) {}

    private final String address;
    private final List<Credential> credentials = new CopyOnWriteArrayList<>();

    public FirstStartNotice(@ConfigProperty(name = "loaxa.public-base-url") String address) {
        this.address = address.endsWith("/") ? address : address + "/";
    }

    /** Shows {@code credential} in the notice of this start. */
    public void add(Credential credential) {
        credentials.add(credential);
    }

    void onListening(@ObservesAsync HttpServerStart start) {
        LOG.warn(text(address, credentials));
        credentials.clear();
    }

    /** The framed notice, each line padded to one width, in Vietnamese and English. */
    static String text(String address, List<Credential> credentials) {
        List<String> lines = new ArrayList<>();
        lines.add("loaxa đã sẵn sàng. Mở trình duyệt tại: " + address);
        lines.add("loaxa is ready. Open in a browser:   " + address);
        if (!credentials.isEmpty()) {
            lines.add("");
            lines.add("Mật khẩu được tạo, chỉ hiện lần này (máy chủ chỉ lưu mã băm):");
            lines.add("Generated passwords, shown only this once (only their hashes are stored):");
            lines.add("");
            int name = credentials.stream()
                    .mapToInt(c -> c.username().length())
                    .max()
                    .orElse(0);
            int role =
                    credentials.stream().mapToInt(c -> c.role().length()).max().orElse(0);
            int area = credentials.stream()
                    .mapToInt(c -> c.areaCode() == null ? 0 : c.areaCode().length())
                    .max()
                    .orElse(0);
            for (Credential c : credentials) {
                lines.add(String.format(
                        "  %-" + name + "s  %-" + role + "s  %-" + Math.max(area, 1) + "s  %s",
                        c.username(),
                        c.role(),
                        c.areaCode() == null ? "" : c.areaCode(),
                        c.password()));
            }
        }
        int width = lines.stream().mapToInt(String::length).max().orElse(0);
        String rule = "+" + "=".repeat(width + 4) + "+";
        StringBuilder text = new StringBuilder(System.lineSeparator())
                .append(System.lineSeparator())
                .append(rule)
                .append(System.lineSeparator());
        for (String line : lines) {
            text.append("|  ")
                    .append(line)
                    .append(" ".repeat(width - line.length()))
                    .append("  |")
                    .append(System.lineSeparator());
        }
        return text.append(rule).append(System.lineSeparator()).toString();
    }
}
