package vn.loaxa.receiver.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class ReceiverOutageRepository implements PanacheRepository<ReceiverOutage> {

    /** The open outage of each of these receivers that has one (the latest, should there be several). */
    public Map<String, ReceiverOutage> openFor(Collection<String> receiverIds) {
        Map<String, ReceiverOutage> open = new HashMap<>();
        if (receiverIds.isEmpty()) {
            return open;
        }
        list("receiverId in ?1 and endedAt is null order by startedAt", receiverIds)
                .forEach(outage -> open.put(outage.receiverId, outage));
        return open;
    }

    /** Outages of the given receivers that overlap [from, to), oldest first. */
    public List<ReceiverOutage> overlapping(Collection<String> receiverIds, OffsetDateTime from, OffsetDateTime to) {
        if (receiverIds.isEmpty()) {
            return List.of();
        }
        return list(
                "receiverId in ?1 and startedAt < ?3 and (endedAt is null or endedAt > ?2)"
                        + " order by receiverId, startedAt",
                receiverIds,
                from,
                to);
    }
}
