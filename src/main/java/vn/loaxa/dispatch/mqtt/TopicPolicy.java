package vn.loaxa.dispatch.mqtt;

import java.util.List;

/**
 * What a receiver may do on the broker, and nothing more: publish its own reports and subscribe to its own orders.
 * The one source of the rules that both the embedded broker's authenticator and the generated Mosquitto ACL enforce
 * (docs/security.md).
 */
public final class TopicPolicy {

    public enum Access { PUBLISH, SUBSCRIBE }

    /** One exact topic a receiver may use. */
    public record Grant(String topic, Access access) {
    }

    private static final List<Topics.Kind> REPORTS =
            List.of(Topics.Kind.EVENT, Topics.Kind.STATUS, Topics.Kind.HEARTBEAT);
    private static final List<Topics.Kind> ORDERS = List.of(Topics.Kind.MANIFEST, Topics.Kind.COMMAND);

    private final Topics topics;

    public TopicPolicy(Topics topics) {
        this.topics = topics;
    }

    /** Everything receiver {@code receiverId} may publish and subscribe to; every other topic is denied. */
    public List<Grant> grantsFor(String receiverId) {
        return java.util.stream.Stream.concat(
                REPORTS.stream().map(kind -> new Grant(topics.receiver(receiverId, kind), Access.PUBLISH)),
                ORDERS.stream().map(kind -> new Grant(topics.receiver(receiverId, kind), Access.SUBSCRIBE)))
                .toList();
    }

    /** The filter under which the server itself may do everything. */
    public String serverFilter() {
        return topics.everything();
    }
}
