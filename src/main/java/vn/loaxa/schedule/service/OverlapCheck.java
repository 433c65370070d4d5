package vn.loaxa.schedule.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.bulletin.model.Priority;
import vn.loaxa.schedule.model.Broadcast;
import vn.loaxa.schedule.model.BroadcastRepository;

/** Finds active broadcasts of the same priority that would play at the same time on the same receivers. */
@ApplicationScoped
public class OverlapCheck {
    private static final int MAX_INSTANCES = 500;

    private final BroadcastRepository broadcasts;
    private final BulletinRepository bulletins;
    private final OccurrenceFactory factory;
    private final TargetResolver targets;
    private final ScheduleConfig config;
    private final EntityManager em;

    public OverlapCheck(
            BroadcastRepository broadcasts,
            BulletinRepository bulletins,
            OccurrenceFactory factory,
            TargetResolver targets,
            ScheduleConfig config,
            EntityManager em) {
        this.em = em;
        this.broadcasts = broadcasts;
        this.bulletins = bulletins;
        this.factory = factory;
        this.targets = targets;
        this.config = config;
    }

    /**
     * Holds, until the caller's transaction ends, the lock of the priority class's overlap check: a concurrent
     * creation of that class waits here, and its check then sees this one's broadcast.
     */
    public void lock(Priority priority) {
        em.createNativeQuery("SELECT name FROM schedule_lock WHERE name = :name FOR UPDATE")
                .setParameter("name", "overlap-" + priority.name())
                .getResultList();
    }

    /** Ids of the conflicting broadcasts. Must run inside a transaction, after {@link #lock}. */
    public List<String> conflicts(Recurrence timing, Duration length, Priority priority, Set<String> receiverIds) {
        Instant now = Instant.now();
        Instant until = now.plus(config.overlapWindow());
        List<Instant> mine = starts(timing, now, until);
        List<String> conflicts = new ArrayList<>();
        for (Broadcast other : broadcasts.list("cancelledAt is null")) {
            Priority theirPriority =
                    other.airsStream() ? other.relayPriority : bulletins.findById(other.bulletinId).priority;
            if (theirPriority != priority) {
                continue;
            }
            // receivers first: a broadcast that reaches none of these (or none at all any more: its group was
            // deleted, its area emptied) cannot clash, and has no audio length to compute
            if (!shareReceivers(other, receiverIds)) {
                continue;
            }
            Duration otherLength = factory.lengthOf(other);
            List<Instant> theirs = starts(factory.recurrence(other), now.minus(otherLength), until);
            if (overlap(mine, length, theirs, otherLength)) {
                conflicts.add(other.id.toString());
            }
        }
        return conflicts;
    }

    private boolean shareReceivers(Broadcast other, Set<String> receiverIds) {
        Set<String> theirs = new HashSet<>(targets.receiverIds(other));
        theirs.retainAll(receiverIds);
        return !theirs.isEmpty();
    }

    private static List<Instant> starts(Recurrence timing, Instant from, Instant until) {
        return timing.instances(from, MAX_INSTANCES).stream()
                .map(ZonedDateTime::toInstant)
                .filter(t -> t.isBefore(until))
                .toList();
    }

    private static boolean overlap(List<Instant> a, Duration aLength, List<Instant> b, Duration bLength) {
        for (Instant x : a) {
            for (Instant y : b) {
                if (x.isBefore(y.plus(bLength)) && y.isBefore(x.plus(aLength))) {
                    return true;
                }
            }
        }
        return false;
    }
}
