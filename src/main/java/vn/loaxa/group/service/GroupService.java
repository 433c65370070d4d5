package vn.loaxa.group.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.loaxa.access.OwnerFilter;
import vn.loaxa.access.Scope;
import vn.loaxa.account.service.AccountAreas;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.common.text.Codes;
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

    private final AccountAreas owners;

    public GroupService(ReceiverGroupRepository groups, ReceiverRepository receivers, AccountAreas owners) {
        this.owners = owners;
        this.groups = groups;
        this.receivers = receivers;
    }

    @Transactional
    public List<GroupView> list() {
        return list(Scope.NATIONWIDE);
    }

    /** The groups owned within the scope's subtree. */
    @Transactional
    public List<GroupView> list(Scope scope) {
        OwnerFilter filter = OwnerFilter.changeableBy(scope);
        return groups.list(filter.jpql() + " order by code", filter.parameters()).stream()
                .map(GroupService::view)
                .toList();
    }

    /** The area that owns the group; null when it was made nationally. */
    @Transactional
    public String ownerArea(String code) {
        return find(code).ownerArea;
    }

    /** The owners of the named groups that exist (a missing group is reported where it is used). */
    @Transactional
    public List<String> ownerAreas(Collection<String> codes) {
        return codes.stream()
                .map(groups::findById)
                .filter(java.util.Objects::nonNull)
                .map(g -> g.ownerArea)
                .toList();
    }

    @Transactional
    public GroupView get(String code) {
        return view(find(code));
    }

    @Transactional
    public GroupView create(GroupRequest request, String user) {
        // without a code (the web UI asks for none), one is made from the name
        String code = request.code() == null || request.code().isBlank()
                ? Codes.fromName(
                        request.name(),
                        "group",
                        64,
                        c -> groups.findByIdOptional(c).isPresent())
                : request.code();
        if (groups.findByIdOptional(code).isPresent()) {
            throw new ConflictException(ErrorMessage.of("group.exists", code));
        }
        ReceiverGroup group = new ReceiverGroup();
        group.code = code;
        group.name = request.name().strip();
        group.members.addAll(checkedMembers(request.members()));
        group.createdBy = user;
        group.ownerArea = owners.areaOf(user);
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
