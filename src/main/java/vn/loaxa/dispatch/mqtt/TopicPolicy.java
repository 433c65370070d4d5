package vn.loaxa.dispatch.mqtt;

import java.util.List;
import java.util.stream.Stream;

/**
 * What a receiver may do on the broker, and nothing more: publish its own reports and subscribe to its own orders
 * and to the group topics of its own areas.
 * The one source of the rules that both the embedded broker's authenticator and the generated Mosquitto ACL enforce
 * (docs/security.md).
 */
public final class TopicPolicy {

    public enum Access {
        PUBLISH,
        SUBSCRIBE
    }

    /** One topic, or topic filter, a receiver may use. */
    public record Grant(String topic, Access access) {}

    private static final List<Topics.Kind> REPORTS =
            List.of(Topics.Kind.EVENT, Topics.Kind.STATUS, Topics.Kind.HEARTBEAT, Topics.Kind.CATCHUP);
    private static final List<Topics.Kind> ORDERS =
            List.of(Topics.Kind.MANIFEST, Topics.Kind.COMMAND, Topics.Kind.AREAS, Topics.Kind.ACK);

    private final Topics topics;

    public TopicPolicy(Topics topics) {
        this.topics = topics;
    }

    /**
     * Everything receiver {@code receiverId} may publish and subscribe to; every other topic is denied.
     *
     * @param areaChain the codes of the receiver's area and of every area above it (its area manifest topics)
     */
    public List<Grant> grantsFor(String receiverId, List<String> areaChain) {
        return Stream.of(
                        REPORTS.stream().map(kind -> new Grant(topics.receiver(receiverId, kind), Access.PUBLISH)),
                        ORDERS.stream().map(kind -> new Grant(topics.receiver(receiverId, kind), Access.SUBSCRIBE)),
                        areaChain.stream().map(code -> new Grant(topics.areaManifest(code), Access.SUBSCRIBE)),
                        // a session's frames are useless without the key its signed announcement carries
                        Stream.of(new Grant(topics.allLive(), Access.SUBSCRIBE)))
                .flatMap(s -> s)
                .toList();
    }

    /** The filter under which the server itself may do everything. */
    public String serverFilter() {
        return topics.everything();
    }
}
