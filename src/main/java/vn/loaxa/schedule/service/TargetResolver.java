package vn.loaxa.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import vn.loaxa.area.service.AreaService;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.group.service.GroupService;
import vn.loaxa.receiver.model.ReceiverRepository;
import vn.loaxa.schedule.model.Broadcast;

/** Turns a broadcast's targets into receiver ids, using the area tree as it is now. */
@ApplicationScoped
public class TargetResolver {
    private final AreaService areas;
    private final ReceiverRepository receivers;
    private final GroupService groups;

    public TargetResolver(AreaService areas, ReceiverRepository receivers, GroupService groups) {
        this.areas = areas;
        this.receivers = receivers;
        this.groups = groups;
    }

    /** The receivers a saved broadcast reaches now; a group deleted since counts as empty. */
    public Set<String> receiverIds(Broadcast broadcast) {
        Set<String> result = receiverIds(broadcast.targetAreas, broadcast.targetReceivers);
        result.addAll(groups.members(broadcast.targetGroups, false));
        return result;
    }

    /** As {@link #receiverIds(Collection, Collection)}, plus the members of the named groups (which must exist). */
    public Set<String> receiverIds(
            Collection<String> areaCodes, Collection<String> receiverIds, Collection<String> groupCodes) {
        Set<String> result = receiverIds(areaCodes, receiverIds);
        result.addAll(groups.members(groupCodes, true));
        return result;
    }

    /** Must run inside a transaction. Unknown areas or receivers are reported as unknown references. */
    public Set<String> receiverIds(Collection<String> areaCodes, Collection<String> receiverIds) {
        Set<String> result = new LinkedHashSet<>(
                receivers.idsInAreas(areas.subtreeCodes(areaCodes.stream().toList())));
        for (String id : receiverIds) {
            if (receivers.findByIdOptional(id).isEmpty()) {
                throw NotFoundException.referenced("Receiver", id);
            }
            result.add(id);
        }
        return result;
    }
}
