package vn.loaxa.receiver.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ReceiverOutageRepository implements PanacheRepository<ReceiverOutage> {

    public Optional<ReceiverOutage> openFor(String receiverId) {
        return find("receiverId = ?1 and endedAt is null order by startedAt desc", receiverId)
                .firstResultOptional();
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
