package vn.loaxa.delivery.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.delivery.api.DeliveryReport;
import vn.loaxa.delivery.model.Delivery;
import vn.loaxa.delivery.model.DeliveryRepository;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.schedule.model.BroadcastRepository;
import vn.loaxa.schedule.model.OccurrenceRepository;

@ApplicationScoped
public class DeliveryQueryService {
    private final BroadcastRepository broadcasts;
    private final OccurrenceRepository occurrences;
    private final DeliveryRepository deliveries;

    public DeliveryQueryService(
            BroadcastRepository broadcasts, OccurrenceRepository occurrences, DeliveryRepository deliveries) {
        this.broadcasts = broadcasts;
        this.occurrences = occurrences;
        this.deliveries = deliveries;
    }

    @Transactional
    public DeliveryReport ofBroadcast(UUID broadcastId) {
        return ofBroadcast(broadcastId, receiverId -> true);
    }

    /** The broadcast's deliveries to the receivers {@code shown} lets through, with their counts. */
    @Transactional
    public DeliveryReport ofBroadcast(UUID broadcastId, java.util.function.Predicate<String> shown) {
        if (broadcasts.findByIdOptional(broadcastId).isEmpty()) {
            throw NotFoundException.of("Broadcast", broadcastId);
        }
        List<UUID> occurrenceIds =
                occurrences.ofBroadcast(broadcastId).stream().map(o -> o.id).toList();
        List<DeliveryReport.Row> rows = deliveries.ofOccurrences(occurrenceIds).stream()
                .filter(d -> shown.test(d.receiverId))
                .map(DeliveryQueryService::row)
                .toList();
        Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
        for (DeliveryState state : DeliveryState.values()) {
            counts.put(state, 0L);
        }
        rows.forEach(r -> counts.merge(r.state(), 1L, Long::sum));
        long reportedLate =
                rows.stream().filter(r -> r.reportedLateAt() != null).count();
        return new DeliveryReport(broadcastId, rows.size(), counts, reportedLate, rows);
    }

    /** The latest deliveries of one receiver, newest change first. */
    @Transactional
    public List<DeliveryReport.Row> ofReceiver(String receiverId, int limit) {
        return deliveries.recentOfReceiver(receiverId, limit).stream()
                .map(DeliveryQueryService::row)
                .toList();
    }

    /** Deliveries that FAILED or were MISSED since a time, newest first: the overview's alerts. */
    @Transactional
    public List<DeliveryReport.Row> problemsSince(OffsetDateTime since, int limit) {
        return problemsSince(since, limit, receiverId -> true);
    }

    /** As {@link #problemsSince(OffsetDateTime, int)}, for the receivers {@code shown} lets through. */
    @Transactional
    public List<DeliveryReport.Row> problemsSince(
            OffsetDateTime since, int limit, java.util.function.Predicate<String> shown) {
        return deliveries
                .recentInStates(List.of(DeliveryState.FAILED, DeliveryState.MISSED), since, limit * 10)
                .stream()
                .filter(d -> shown.test(d.receiverId))
                .limit(limit)
                .map(DeliveryQueryService::row)
                .toList();
    }

    /** The receivers with a delivery in {@code state} changed since a time, for the map's markers. */
    @Transactional
    public java.util.Set<String> receiversInState(DeliveryState state, OffsetDateTime since) {
        return java.util.Set.copyOf(deliveries.receiversInState(state, since));
    }

    private static DeliveryReport.Row row(Delivery d) {
        return new DeliveryReport.Row(
                d.occurrenceId,
                d.receiverId,
                d.mediaId,
                d.state,
                d.reason,
                d.deliveredAt,
                d.downloadedAt,
                d.startedAt,
                d.finishedAt,
                d.updatedAt,
                d.reportedLateAt,
                d.liveFramesPlayed == null
                        ? null
                        : new DeliveryReport.Live(d.liveFramesPlayed, d.liveFramesLate, d.liveFramesLost, d.liveJoins));
    }
}
