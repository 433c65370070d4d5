package vn.loaxa.inbox.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import vn.loaxa.area.model.Area;
import vn.loaxa.area.model.AreaKind;
import vn.loaxa.area.model.AreaRepository;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.dispatch.service.DispatchService;
import vn.loaxa.inbox.api.AcceptRequest;
import vn.loaxa.inbox.api.InboxItemView;
import vn.loaxa.inbox.api.PolicyView;
import vn.loaxa.inbox.model.InboxItem;
import vn.loaxa.inbox.model.InboxItemRepository;
import vn.loaxa.inbox.model.InboxPolicy;
import vn.loaxa.inbox.model.InboxStatus;
import vn.loaxa.schedule.api.BroadcastRequest;
import vn.loaxa.schedule.api.BroadcastView;
import vn.loaxa.schedule.model.Broadcast;
import vn.loaxa.schedule.model.BroadcastRepository;
import vn.loaxa.schedule.model.Occurrence;
import vn.loaxa.schedule.model.OccurrenceRepository;
import vn.loaxa.schedule.service.BroadcastService;

/** A commune operator's inbox: list, accept (at the broadcast's times or a new one), decline, and the policy. */
@ApplicationScoped
public class InboxService {
    private final InboxItemRepository items;
    private final InboxRouting routing;
    private final AreaRepository areas;
    private final BroadcastRepository broadcasts;
    private final OccurrenceRepository occurrences;
    private final BulletinRepository bulletins;
    private final BroadcastService broadcastService;
    private final DispatchService dispatch;

    public InboxService(
            InboxItemRepository items,
            InboxRouting routing,
            AreaRepository areas,
            BroadcastRepository broadcasts,
            OccurrenceRepository occurrences,
            BulletinRepository bulletins,
            BroadcastService broadcastService,
            DispatchService dispatch) {
        this.items = items;
        this.routing = routing;
        this.areas = areas;
        this.broadcasts = broadcasts;
        this.occurrences = occurrences;
        this.bulletins = bulletins;
        this.broadcastService = broadcastService;
        this.dispatch = dispatch;
    }

    @Transactional
    public List<InboxItemView> inbox(String communeCode) {
        commune(communeCode);
        return items.ofCommune(communeCode).stream().map(this::view).toList();
    }

    /**
     * Accepts a pending item. At the broadcast's own times, occurrences already dispatched are sent to the
     * commune's receivers now; at a new time, a one-off broadcast of the bulletin to the commune is created.
     */
    public InboxItemView accept(UUID id, AcceptRequest request, String user) {
        List<UUID> toDispatch = QuarkusTransaction.requiringNew().call(() -> {
            InboxItem item = pending(id);
            item.status = InboxStatus.ACCEPTED;
            item.decidedBy = user;
            item.decidedAt = OffsetDateTime.now(ZoneOffset.UTC);
            Broadcast original = broadcasts.findById(item.broadcastId);
            if (request != null && request.startAt() != null) {
                BroadcastView placed = broadcastService.create(
                        new BroadcastRequest(
                                original.bulletinId,
                                new BroadcastRequest.Targets(List.of(item.communeCode), List.of()),
                                request.startAt(),
                                original.timeZone,
                                null,
                                null,
                                null,
                                original.onPreempt,
                                !original.relays()
                                        ? null
                                        : new BroadcastRequest.RelaySpec(
                                                original.relayUrl,
                                                original.relayTitle,
                                                java.time.Duration.ofSeconds(original.relayWindowSeconds),
                                                original.relayPriority),
                                original.testMode ? Boolean.TRUE : null),
                        user);
                item.placedBroadcastId = placed.id();
                return List.<UUID>of();
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            return occurrences.ofBroadcast(original.id).stream()
                    .filter(o -> o.dispatchedAt != null && o.cancelledAt == null && o.windowEnd.isAfter(now))
                    .map(o -> o.id)
                    .toList();
        });
        toDispatch.forEach(dispatch::dispatch);
        return QuarkusTransaction.requiringNew().call(() -> view(items.findById(id)));
    }

    @Transactional
    public InboxItemView decline(UUID id, String reason, String user) {
        InboxItem item = pending(id);
        item.status = InboxStatus.DECLINED;
        item.reason = reason.strip();
        item.decidedBy = user;
        item.decidedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return view(item);
    }

    @Transactional
    public PolicyView policy(String communeCode) {
        commune(communeCode);
        return new PolicyView(
                communeCode,
                routing.policyOf(communeCode),
                !routing.hasOwnPolicy(communeCode),
                routing.defaultTimeOf(communeCode));
    }

    /**
     * Sets how the commune takes items that arrive from now on, and its usual airing time (null for none); items
     * already in its inbox stay as they are.
     */
    @Transactional
    public PolicyView setPolicy(String communeCode, InboxPolicy policy, LocalTime defaultTime, String user) {
        commune(communeCode);
        routing.setPolicy(communeCode, policy, defaultTime, user);
        return new PolicyView(communeCode, policy, false, defaultTime);
    }

    /** The commune whose inbox holds the item. */
    @Transactional
    public String communeOf(UUID id) {
        return items.findByIdOptional(id).orElseThrow(() -> NotFoundException.of("Inbox item", id)).communeCode;
    }

    private InboxItem pending(UUID id) {
        InboxItem item = items.findByIdOptional(id).orElseThrow(() -> NotFoundException.of("Inbox item", id));
        if (item.status != InboxStatus.PENDING) {
            throw new ConflictException(ErrorMessage.of("inbox.decided", id, item.status.toString(), item.decidedBy));
        }
        return item;
    }

    private Area commune(String code) {
        Area area = areas.findByIdOptional(code).orElseThrow(() -> NotFoundException.of("Area", code));
        if (area.kind != AreaKind.COMMUNE) {
            throw new InvalidRequestException("code", ErrorMessage.of("inbox.not-commune", code, area.kind.toString()));
        }
        return area;
    }

    private InboxItemView view(InboxItem item) {
        Broadcast b = broadcasts.findById(item.broadcastId);
        Bulletin bulletin = b.airsStream() ? null : bulletins.findById(b.bulletinId);
        OffsetDateTime next = occurrences.ofBroadcast(b.id).stream()
                .map((Occurrence o) -> o.playAt)
                .reduce((first, second) -> second)
                .orElse(b.startAt);
        return new InboxItemView(
                item.id,
                item.communeCode,
                b.id,
                b.bulletinId,
                bulletin == null ? b.relayTitle : bulletin.title,
                next,
                b.rrule,
                b.timeZone,
                item.status,
                item.placedBroadcastId,
                item.reason,
                item.decidedBy,
                item.decidedAt,
                item.createdAt);
    }
}
