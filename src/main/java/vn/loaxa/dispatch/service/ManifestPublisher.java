package vn.loaxa.dispatch.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.loaxa.delivery.model.DeliveryRepository;
import vn.loaxa.delivery.model.DeliveryState;
import vn.loaxa.dispatch.mqtt.MqttGateway;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.dispatch.protocol.ManifestMessage;
import vn.loaxa.dispatch.protocol.ManifestMessage.AudioRef;
import vn.loaxa.dispatch.protocol.ManifestMessage.LiveRef;
import vn.loaxa.dispatch.protocol.ManifestMessage.ManifestEntry;
import vn.loaxa.dispatch.protocol.ManifestMessage.RelayRef;
import vn.loaxa.schedule.service.ManifestScope;
import vn.loaxa.schedule.service.Manifests;

/**
 * Builds each receiver's manifest from its pending deliveries that travel per receiver, and each area's manifest from
 * its occurrences that travel on the area topic, and publishes them retained, with message expiry.
 */
@ApplicationScoped
public class ManifestPublisher implements Manifests {
    private static final int CHUNK = 500;
    private static final Duration EMPTY_MANIFEST_EXPIRY = Duration.ofDays(1);
    private static final String AUDIO_TYPE = "audio/ogg";

    private final EntityManager em;
    private final DeliveryRepository deliveries;
    private final MqttGateway mqtt;
    private final ManifestSink sink;
    private final ObjectMapper json;
    private final String publicBaseUrl;
    private final ManifestVersions versions;

    public ManifestPublisher(
            EntityManager em,
            DeliveryRepository deliveries,
            MqttGateway mqtt,
            ManifestSink sink,
            ManifestVersions versions,
            ObjectMapper json,
            @ConfigProperty(name = "loaxa.public-base-url") String publicBaseUrl) {
        this.versions = versions;
        this.sink = sink;
        this.em = em;
        this.deliveries = deliveries;
        this.mqtt = mqtt;
        this.json = json;
        this.publicBaseUrl =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    /** Receivers' manifests first, then areas', so that an entry moving between them is never missing. */
    @Override
    public void publish(ManifestScope scope) {
        publishFor(scope.receiverIds());
        publishAreas(scope.areaCodes());
    }

    /**
     * Per chunk of receivers, one transaction locks their manifest versions, reads the snapshot, records the
     * displaced deliveries and publishes, so that a snapshot read later always goes out later with a higher version.
     * A refused publish does not roll back the versions that went out; it is rethrown after the commit.
     */
    public void publishFor(Collection<String> receiverIds) {
        List<String> ids = receiverIds.stream().distinct().sorted().toList();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            Map<String, String> topics = new HashMap<>();
            chunk.forEach(id -> topics.put(id, mqtt.topics().receiver(id, Topics.Kind.MANIFEST)));
            versions.ensure(topics.values());
            rethrow(QuarkusTransaction.requiringNew().call(() -> {
                Map<String, Long> next = versions.lockAndRaise(topics.values(), Instant.now());
                Map<String, List<PriorityPlacement.Placed>> placed = placeAndRecordDrops(pendingRows(chunk));
                Failures failures = new Failures();
                for (String receiverId : chunk) {
                    failures.attempt(() -> publish(
                            receiverId, placed.getOrDefault(receiverId, List.of()), next.get(topics.get(receiverId))));
                }
                return failures;
            }));
        }
    }

    /** The first publish a transaction could not make; the others are still tried. */
    private static final class Failures {
        private RuntimeException first;

        void attempt(Runnable publish) {
            try {
                publish.run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
    }

    private static void rethrow(Failures failures) {
        if (failures.first != null) {
            throw failures.first;
        }
    }

    private Map<String, List<ManifestRow>> pendingRows(List<String> receiverIds) {
        List<ManifestRow> rows = em.createQuery("""
                select new vn.loaxa.dispatch.service.ManifestRow(d.receiverId, o.id, o.broadcastId,
                    coalesce(bl.title, b.relayTitle), coalesce(bl.priority, b.relayPriority), o.playAt, o.expiresAt,
                    o.windowEnd, m.id, m.sha256, m.durationMs, m.sizeBytes, d.stateRank, b.onPreempt, b.relayUrl,
                    b.relayWindowSeconds, b.testMode, b.liveSessionId, ls.frameKey, ls.delayMs)
                from Delivery d
                join Occurrence o on o.id = d.occurrenceId
                join Broadcast b on b.id = o.broadcastId
                left join Bulletin bl on bl.id = b.bulletinId
                left join LiveSession ls on ls.id = b.liveSessionId
                left join Media m on m.id = coalesce(d.mediaId, o.mediaId)
                where d.receiverId in :ids and d.stateRank < :final and o.windowEnd > :now and o.groupArea is null
                order by o.playAt, o.id
                """, ManifestRow.class)
                .setParameter("ids", receiverIds)
                .setParameter("final", DeliveryState.FINAL_RANK)
                .setParameter("now", OffsetDateTime.now())
                .getResultList();
        Map<String, List<ManifestRow>> byReceiver = new HashMap<>();
        rows.forEach(r -> byReceiver
                .computeIfAbsent(r.receiverId(), k -> new ArrayList<>())
                .add(r));
        return byReceiver;
    }

    /** Applies the priority rule per receiver and closes every displaced NORMAL delivery as PREEMPTED. */
    private Map<String, List<PriorityPlacement.Placed>> placeAndRecordDrops(Map<String, List<ManifestRow>> rows) {
        Map<String, List<PriorityPlacement.Placed>> result = new HashMap<>();
        OffsetDateTime now = OffsetDateTime.now();
        rows.forEach((receiverId, receiverRows) -> {
            List<PriorityPlacement.Placed> placed = PriorityPlacement.place(receiverRows);
            for (PriorityPlacement.Placed p : placed) {
                if (p.dropped()) {
                    deliveries
                            .findFor(p.row().occurrenceId(), receiverId)
                            .ifPresent(d -> d.close(
                                    DeliveryState.PREEMPTED,
                                    "displaced by " + p.displacedBy().priority() + " broadcast "
                                            + p.displacedBy().broadcastId() + " ("
                                            + p.displacedBy().title() + ")",
                                    now));
                }
            }
            result.put(receiverId, placed.stream().filter(p -> !p.dropped()).toList());
        });
        return result;
    }

    /**
     * Publishes the manifest of each area: its pending occurrences that go out on the area topic, the same for every
     * receiver below it (docs/protocol.md, "Area manifests"). An area with none gets an empty manifest, which
     * clears what it carried.
     */
    public void publishAreas(Collection<String> areaCodes) {
        if (areaCodes.isEmpty()) {
            return;
        }
        Map<String, String> topics = new HashMap<>();
        areaCodes.forEach(code -> topics.put(code, mqtt.topics().areaManifest(code)));
        versions.ensure(topics.values());
        rethrow(QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> next = versions.lockAndRaise(topics.values(), Instant.now());
            Map<String, List<ManifestRow>> byArea = areaRows(areaCodes);
            Failures failures = new Failures();
            for (String code : areaCodes) {
                List<ManifestRow> rows = byArea.getOrDefault(code, List.of());
                Instant now = Instant.now();
                List<ManifestEntry> entries =
                        rows.stream().map(r -> entry(r, r.playAt())).toList();
                failures.attempt(() -> send(
                        topics.get(code),
                        ManifestMessage.ofArea(code, next.get(topics.get(code)), now, entries),
                        rows,
                        now));
            }
            return failures;
        }));
    }

    private Map<String, List<ManifestRow>> areaRows(Collection<String> areaCodes) {
        List<ManifestRow> rows = em.createQuery("""
                select new vn.loaxa.dispatch.service.ManifestRow(o.groupArea, o.id, o.broadcastId,
                    coalesce(bl.title, b.relayTitle), coalesce(bl.priority, b.relayPriority), o.playAt, o.expiresAt,
                    o.windowEnd, m.id, m.sha256, m.durationMs, m.sizeBytes, 0, b.onPreempt, b.relayUrl,
                    b.relayWindowSeconds, b.testMode, b.liveSessionId, ls.frameKey, ls.delayMs)
                from Occurrence o
                join Broadcast b on b.id = o.broadcastId
                left join Bulletin bl on bl.id = b.bulletinId
                left join LiveSession ls on ls.id = b.liveSessionId
                left join Media m on m.id = o.groupMediaId
                where o.groupArea in :codes and o.cancelledAt is null and o.windowEnd > :now
                order by o.playAt, o.id
                """, ManifestRow.class)
                .setParameter("codes", areaCodes)
                .setParameter("now", OffsetDateTime.now())
                .getResultList();
        Map<String, List<ManifestRow>> byArea = new HashMap<>();
        rows.forEach(r ->
                byArea.computeIfAbsent(r.receiverId(), k -> new ArrayList<>()).add(r));
        return byArea;
    }

    private void publish(String receiverId, List<PriorityPlacement.Placed> placed, long version) {
        Instant now = Instant.now();
        List<ManifestRow> rows =
                placed.stream().map(PriorityPlacement.Placed::row).toList();
        List<ManifestEntry> entries =
                placed.stream().map(p -> entry(p.row(), p.playAt())).toList();
        send(
                mqtt.topics().receiver(receiverId, Topics.Kind.MANIFEST),
                ManifestMessage.ofReceiver(receiverId, version, now, entries),
                rows,
                now);
    }

    /** Retained, expiring when the last of its entries can no longer play. */
    private void send(String topic, ManifestMessage manifest, List<ManifestRow> rows, Instant now) {
        long expiry = rows.stream()
                .map(r -> r.windowEnd().toInstant())
                .max(Instant::compareTo)
                .map(end -> Duration.between(now, end).toSeconds())
                .orElse(EMPTY_MANIFEST_EXPIRY.toSeconds());
        try {
            sink.send(topic, json.writeValueAsBytes(manifest), expiry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the manifest for " + topic, e);
        }
    }

    private ManifestEntry entry(ManifestRow row, OffsetDateTime playAt) {
        if (row.liveSessionId() != null) {
            Instant endsAt = row.expiresAt().toInstant();
            return new ManifestEntry(
                    row.occurrenceId().toString(),
                    row.broadcastId().toString(),
                    row.title(),
                    row.priority().name(),
                    playAt.toInstant(),
                    endsAt,
                    row.onPreempt() == null ? null : row.onPreempt().name(),
                    null,
                    null,
                    testFlag(row),
                    LiveRef.opus(row.liveSessionId().toString(), row.liveFrameKey(), row.liveDelayMs(), endsAt));
        }
        if (row.relayUrl() != null) {
            return new ManifestEntry(
                    row.occurrenceId().toString(),
                    row.broadcastId().toString(),
                    row.title(),
                    row.priority().name(),
                    playAt.toInstant(),
                    row.expiresAt().toInstant(),
                    row.onPreempt() == null ? null : row.onPreempt().name(),
                    null,
                    new RelayRef(row.relayUrl(), playAt.toInstant().plusSeconds(row.relayWindowSeconds())),
                    testFlag(row));
        }
        String url = publicBaseUrl + "/api/v1/media/" + row.mediaId() + "/audio";
        return new ManifestEntry(
                row.occurrenceId().toString(),
                row.broadcastId().toString(),
                row.title(),
                row.priority().name(),
                playAt.toInstant(),
                row.expiresAt().toInstant(),
                row.onPreempt() == null ? null : row.onPreempt().name(),
                new AudioRef(url, row.sha256(), row.durationMs(), row.sizeBytes(), AUDIO_TYPE),
                null,
                testFlag(row));
    }

    /** {@code "test": true} on test broadcasts only; live entries carry no flag. */
    private static Boolean testFlag(ManifestRow row) {
        return row.test() ? Boolean.TRUE : null;
    }
}
