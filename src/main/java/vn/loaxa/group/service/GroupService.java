package vn.loaxa.group.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.group.api.GroupRequest;
import vn.loaxa.group.api.GroupView;
import vn.loaxa.group.model.ReceiverGroup;
import vn.loaxa.group.model.ReceiverGroupRepository;
import vn.loaxa.receiver.model.ReceiverRepository;

/** Named receiver groups: create, list, replace, delete, and their members for targeting. */
@ApplicationScoped
public class GroupService {
    private final ReceiverGroupRepository groups;
    private final ReceiverRepository receivers;

    public GroupService(ReceiverGroupRepository groups, ReceiverRepository receivers) {
        this.groups = groups;
        this.receivers = receivers;
    }

    @Transactional
    public List<GroupView> list() {
        return groups.list("order by code").stream().map(GroupService::view).toList();
    }

    @Transactional
    public GroupView get(String code) {
        return view(find(code));
    }

    @Transactional
    public GroupView create(GroupRequest request, String user) {
        if (request.code() == null) {
            throw new InvalidRequestException("code", "A group needs a code (lower-case letters, digits, '.', '_', '-')");
        }
        if (groups.findByIdOptional(request.code()).isPresent()) {
            throw new ConflictException("A receiver group with code '" + request.code() + "' already exists");
        }
        ReceiverGroup group = new ReceiverGroup();
        group.code = request.code();
        group.name = request.name().strip();
        group.members.addAll(checkedMembers(request.members()));
        group.createdBy = user;
        group.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        groups.persist(group);
        return view(group);
    }

    /** Replaces the name and the members; broadcasts that target the group reach the new members from the next dispatch. */
    @Transactional
    public GroupView replace(String code, GroupRequest request) {
        ReceiverGroup group = find(code);
        group.name = request.name().strip();
        group.members.clear();
        group.members.addAll(checkedMembers(request.members()));
        return view(group);
    }

    @Transactional
    public void delete(String code) {
        groups.delete(find(code));
    }

    /**
     * Members of the named groups. Must run inside a transaction. With {@code strict}, an unknown group is an error
     * (a request naming it); otherwise it counts as empty (a group deleted after a broadcast named it).
     */
    public Set<String> members(Collection<String> codes, boolean strict) {
        Set<String> result = new LinkedHashSet<>();
        for (String code : codes) {
            ReceiverGroup group = groups.findById(code);
            if (group == null) {
                if (strict) {
                    throw NotFoundException.referenced("Receiver group", code);
                }
                continue;
            }
            result.addAll(group.members);
        }
        return result;
    }

    private Set<String> checkedMembers(List<String> members) {
        Set<String> checked = new LinkedHashSet<>();
        for (String id : members) {
            if (receivers.findByIdOptional(id).isEmpty()) {
                throw NotFoundException.referenced("Receiver", id);
            }
            checked.add(id);
        }
        return checked;
    }

    private ReceiverGroup find(String code) {
        return groups.findByIdOptional(code).orElseThrow(() -> NotFoundException.of("Receiver group", code));
    }

    private static GroupView view(ReceiverGroup g) {
        return new GroupView(g.code, g.name, List.copyOf(g.members), g.createdBy, g.createdAt);
    }
}
