package vn.loaxa.inbox.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import vn.loaxa.area.model.Area;
import vn.loaxa.area.model.AreaKind;
import vn.loaxa.area.model.AreaRepository;
import vn.loaxa.bulletin.model.Priority;
import vn.loaxa.dispatch.service.WithheldCommunes;
import vn.loaxa.inbox.model.CommunePolicy;
import vn.loaxa.inbox.model.CommunePolicyRepository;
import vn.loaxa.inbox.model.InboxItem;
import vn.loaxa.inbox.model.InboxItemRepository;
import vn.loaxa.inbox.model.InboxPolicy;
import vn.loaxa.inbox.model.InboxStatus;
import vn.loaxa.schedule.service.CommuneInbox;

/**
 * The inbox rule: a NORMAL broadcast that targets an area above commune level (a province or district) becomes one
 * inbox item per commune under it, and reaches a commune's receivers only once that item is accepted. Targets at
 * commune level or below, and single receivers, are placed directly. Must run inside a transaction.
 */
@ApplicationScoped
public class InboxRouting implements CommuneInbox, WithheldCommunes {
    static final String AUTO_ACCEPTED_BY = "auto-accept policy";

    private final AreaRepository areas;
    private final InboxItemRepository items;
    private final CommunePolicyRepository policies;
    private final InboxConfig config;

    public InboxRouting(
            AreaRepository areas, InboxItemRepository items, CommunePolicyRepository policies, InboxConfig config) {
        this.areas = areas;
        this.items = items;
        this.policies = policies;
        this.config = config;
    }

    /** Opens the inbox items of a newly created broadcast; returns how many communes got one. */
    @Override
    public int open(UUID broadcastId, Priority priority, Collection<String> targetAreas) {
        if (priority != Priority.NORMAL) {
            return 0;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int opened = 0;
        for (String commune : communesBelowUpperTargets(targetAreas)) {
            InboxItem item = new InboxItem();
            item.id = UUID.randomUUID();
            item.broadcastId = broadcastId;
            item.communeCode = commune;
            item.createdAt = now;
            if (policyOf(commune) == InboxPolicy.AUTO_ACCEPT) {
                item.status = InboxStatus.ACCEPTED;
                item.decidedBy = AUTO_ACCEPTED_BY;
                item.decidedAt = now;
            } else {
                item.status = InboxStatus.PENDING;
            }
            items.persist(item);
            opened++;
        }
        return opened;
    }

    /** Communes whose receivers must not get the broadcast itself (item pending, declined or placed anew). */
    @Override
    public Set<String> withheldCommunes(UUID broadcastId) {
        Set<String> withheld = new HashSet<>();
        for (InboxItem item : items.ofBroadcast(broadcastId)) {
            if (!item.airsOriginal()) {
                withheld.add(item.communeCode);
            }
        }
        return withheld;
    }

    public InboxPolicy policyOf(String communeCode) {
        return policies.findByIdOptional(communeCode).map(p -> p.policy).orElse(config.defaultPolicy());
    }

    public boolean hasOwnPolicy(String communeCode) {
        return policies.findByIdOptional(communeCode).isPresent();
    }

    /** The commune's usual airing time, or null. */
    public LocalTime defaultTimeOf(String communeCode) {
        return policies.findByIdOptional(communeCode).map(p -> p.defaultTime).orElse(null);
    }

    public void setPolicy(String communeCode, InboxPolicy policy, LocalTime defaultTime, String user) {
        CommunePolicy row = policies.findByIdOptional(communeCode).orElse(null);
        boolean created = row == null;
        if (created) {
            row = new CommunePolicy();
            row.areaCode = communeCode;
        }
        row.policy = policy;
        row.defaultTime = defaultTime;
        row.updatedBy = user;
        row.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (created) {
            policies.persist(row);
        }
    }

    private Set<String> communesBelowUpperTargets(Collection<String> targetAreas) {
        Set<String> communes = new LinkedHashSet<>();
        for (String code : targetAreas) {
            Area area = areas.findById(code);
            if (area == null || area.kind.ordinal() >= AreaKind.COMMUNE.ordinal()) {
                continue;
            }
            List<String> below = areas.find(
                            "select a.code from Area a where a.path like ?1 and a.kind = ?2",
                            area.path + "%",
                            AreaKind.COMMUNE)
                    .project(String.class)
                    .list();
            communes.addAll(below);
        }
        return communes;
    }
}
