package vn.loaxa.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.schedule.api.BroadcastRequest;

/** Checks a relay stream against the allow-list: an http or https URL on an allowed host, a sensible window. */
@ApplicationScoped
public class RelayCheck {
    private final RelayConfig config;

    public RelayCheck(RelayConfig config) {
        this.config = config;
    }

    public void check(BroadcastRequest.RelaySpec relay) {
        URI uri;
        try {
            uri = new URI(relay.url().strip());
        } catch (URISyntaxException e) {
            throw new InvalidRequestException(
                    "relay.url", ErrorMessage.of("relay.not-url", relay.url(), e.getMessage()));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new InvalidRequestException("relay.url", ErrorMessage.of("relay.scheme", relay.url()));
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (config.allowedHosts().stream().noneMatch(allowed -> allowed.strip().equalsIgnoreCase(host))) {
            throw new InvalidRequestException(
                    "relay.url", ErrorMessage.of("relay.host", host, String.join(", ", config.allowedHosts())));
        }
        Duration window = relay.window();
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(config.maxWindow()) > 0) {
            throw new InvalidRequestException(
                    "relay.window",
                    ErrorMessage.of("relay.window", config.maxWindow().toString()));
        }
    }
}
