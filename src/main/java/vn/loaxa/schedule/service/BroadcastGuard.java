package vn.loaxa.schedule.service;

import jakarta.enterprise.context.RequestScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;
import vn.loaxa.access.AccessGuard;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.common.error.NotPermittedException;
import vn.loaxa.group.model.ReceiverGroup;
import vn.loaxa.group.model.ReceiverGroupRepository;
import vn.loaxa.schedule.api.BroadcastRequest;
import vn.loaxa.schedule.model.Broadcast;
import vn.loaxa.schedule.model.BroadcastRepository;

/** The caller's area checks for broadcasts (docs/security.md, "Roles"). */
@RequestScoped
public class BroadcastGuard {
    private final AccessGuard guard;
    private final BroadcastRepository broadcasts;
    private final BulletinRepository bulletins;
    private final ReceiverGroupRepository groups;

    public BroadcastGuard(
            AccessGuard guard,
            BroadcastRepository broadcasts,
            BulletinRepository bulletins,
            ReceiverGroupRepository groups) {
        this.guard = guard;
        this.broadcasts = broadcasts;
        this.bulletins = bulletins;
        this.groups = groups;
    }

    /** Read: the caller's area owns the broadcast, or the broadcast reaches the caller's area. */
    @Transactional
    public void read(UUID id) {
        find(id);
        if (!broadcasts.readableBy(id, guard.scope())) {
            throw new NotPermittedException(ErrorMessage.of("broadcast.outside", id));
        }
    }

    /** Cancel or confirm: the broadcast belongs to the caller's subtree. */
    @Transactional
    public void change(UUID id) {
        guard.change("Broadcast '" + id + "'", find(id).ownerArea);
    }

    /** Whether {@link #change} would let the caller cancel or confirm the broadcast. */
    @Transactional
    public boolean mayChange(UUID id) {
        return guard.scope().mayChange(guard.pathOf(find(id).ownerArea));
    }

    /** Create: every target lies within the caller's subtree, and the bulletin is one the caller may read. */
    @Transactional
    public void schedule(BroadcastRequest request) {
        targets(request.targets());
        if (request.bulletinId() != null) {
            bulletins
                    .findByIdOptional(request.bulletinId())
                    .ifPresent(bulletin -> guard.read("Bulletin '" + bulletin.id + "'", bulletin.ownerArea));
        }
    }

    /** Every target lies within the caller's subtree: what a broadcast and a live session may reach. */
    @Transactional
    public void targets(BroadcastRequest.Targets targets) {
        guard.targetAreas(targets.areasOrEmpty());
        guard.targetReceivers(targets.receiversOrEmpty());
        for (String code : targets.groupsOrEmpty()) {
            ReceiverGroup group = groups.findByIdOptional(code)
                    .orElseThrow(() -> NotFoundException.referenced("Receiver group", code));
            guard.change("Receiver group '" + code + "'", group.ownerArea);
        }
    }

    private Broadcast find(UUID id) {
        return broadcasts.findByIdOptional(id).orElseThrow(() -> NotFoundException.of("Broadcast", id));
    }
}
