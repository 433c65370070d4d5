package vn.loaxa.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import vn.loaxa.area.service.AreaService;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.receiver.model.ReceiverRepository;

/** Turns a broadcast's targets into receiver ids, using the area tree as it is now. */
@ApplicationScoped
public class TargetResolver {
    private final AreaService areas;
    private final ReceiverRepository receivers;

    public TargetResolver(AreaService areas, ReceiverRepository receivers) {
        this.areas = areas;
        this.receivers = receivers;
    }

    /** Must run inside a transaction. Unknown areas or receivers are reported as unknown references. */
    public Set<String> receiverIds(Collection<String> areaCodes, Collection<String> receiverIds) {
        Set<String> result = new LinkedHashSet<>(receivers.idsInAreas(areas.subtreeCodes(areaCodes.stream().toList())));
        for (String id : receiverIds) {
            if (receivers.findByIdOptional(id).isEmpty()) {
                throw NotFoundException.referenced("Receiver", id);
            }
            result.add(id);
        }
        return result;
    }
}
