package vn.loaxa.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
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
            throw new InvalidRequestException("relay.url", "'" + relay.url() + "' is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new InvalidRequestException(
                    "relay.url", "A relay stream must be an http or https URL with a host; got '" + relay.url() + "'");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (config.allowedHosts().stream().noneMatch(allowed -> allowed.strip().equalsIgnoreCase(host))) {
            throw new InvalidRequestException(
                    "relay.url",
                    "The host '" + host + "' is not in the relay allow-list "
                            + "(loaxa.relay.allowed-hosts: " + String.join(", ", config.allowedHosts())
                            + "); ask an administrator to add it");
        }
        Duration window = relay.window();
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(config.maxWindow()) > 0) {
            throw new InvalidRequestException("relay.window", "must be between PT1S and " + config.maxWindow());
        }
    }
}
