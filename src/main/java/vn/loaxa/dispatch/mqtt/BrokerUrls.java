package vn.loaxa.dispatch.mqtt;

import java.util.Arrays;
import java.util.List;

/** The brokers of {@code loaxa.mqtt.url}: one URL, or a comma-separated list of a cluster's nodes. */
final class BrokerUrls {
    private BrokerUrls() {}

    /**
     * The URLs in their order, trimmed, without empty items; Paho tries them in this order on every connect.
     *
     * @throws IllegalArgumentException if the list names no broker
     */
    static List<String> parse(String urls) {
        List<String> parsed = Arrays.stream(urls.split(","))
                .map(String::trim)
                .filter(url -> !url.isEmpty())
                .toList();
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("loaxa.mqtt.url '" + urls + "' names no broker");
        }
        return parsed;
    }
}
