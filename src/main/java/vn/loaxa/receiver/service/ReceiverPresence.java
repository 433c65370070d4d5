package vn.loaxa.receiver.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import vn.loaxa.receiver.api.ReceiverHealth;
import vn.loaxa.receiver.model.Receiver;
import vn.loaxa.receiver.model.ReceiverOutage;
import vn.loaxa.receiver.model.ReceiverOutageRepository;
import vn.loaxa.receiver.model.ReceiverRepository;

/**
 * Stores what receivers report of themselves: online or offline, and their heartbeats. Presence follows the order in
 * which the server received the reports: a report received before the one already applied is ignored, and the
 * agent's own stamp never decides, since a receiver's clock may be minutes off while its Last Will carries no time
 * at all. Going offline opens an outage, coming back online closes it, both at their receive times: the outage
 * history.
 */
@ApplicationScoped
public class ReceiverPresence {
    private static final Logger LOG = Logger.getLogger(ReceiverPresence.class);

    private final ReceiverRepository receivers;
    private final ReceiverOutageRepository outages;

    public ReceiverPresence(ReceiverRepository receivers, ReceiverOutageRepository outages) {
        this.receivers = receivers;
        this.outages = outages;
    }

    /**
     * Applies the reports in their order, in one transaction: one read of their receivers and of the open outages
     * of those offline, and the changes written together when it commits.
     *
     * @return the receivers named by a report that are not registered
     */
    @Transactional
    public Set<String> record(List<Presence> reports) {
        Set<String> ids = new LinkedHashSet<>();
        reports.forEach(report -> ids.add(report.receiverId()));
        Map<String, Receiver> known = new HashMap<>();
        receivers.list("id in ?1", ids).forEach(r -> known.put(r.id, r));
        List<String> offline =
                known.values().stream().filter(r -> !r.online).map(r -> r.id).toList();
        Map<String, ReceiverOutage> open = outages.openFor(offline);
        Set<String> unknown = new LinkedHashSet<>();
        for (Presence report : reports) {
            Receiver receiver = known.get(report.receiverId());
            if (receiver == null) {
                unknown.add(report.receiverId());
            } else if (report instanceof Presence.Status status) {
                applyStatus(receiver, status, open);
            } else if (report instanceof Presence.Heartbeat heartbeat) {
                applyHeartbeat(receiver, heartbeat, open);
            }
        }
        return unknown;
    }

    /** One status report on its own; false if no such receiver is registered. */
    @Transactional
    public boolean recordStatus(
            String id, boolean online, OffsetDateTime receivedAt, OffsetDateTime reportedAt, String agentVersion) {
        return record(List.of(new Presence.Status(id, online, receivedAt, reportedAt, agentVersion)))
                .isEmpty();
    }

    /** One heartbeat on its own; false if no such receiver is registered. */
    @Transactional
    public boolean recordHeartbeat(String id, String agentVersion, ReceiverHealth health, OffsetDateTime receivedAt) {
        return record(List.of(new Presence.Heartbeat(id, agentVersion, health, receivedAt)))
                .isEmpty();
    }

    private void applyStatus(Receiver receiver, Presence.Status status, Map<String, ReceiverOutage> open) {
        OffsetDateTime receivedAt = status.receivedAt();
        if (status.reportedAt() != null) {
            LOG.debugf(
                    "Status of %s (online=%s) stamped %d ms from its receipt",
                    receiver.id,
                    status.online(),
                    Duration.between(receivedAt, status.reportedAt()).toMillis());
        }
        if (receiver.lastSeen != null && receivedAt.isBefore(receiver.lastSeen)) {
            return;
        }
        if (status.online()) {
            comeOnline(receiver, receivedAt, open);
        } else {
            goOffline(receiver, receivedAt, open);
        }
        if (status.agentVersion() != null) {
            receiver.agentVersion = status.agentVersion();
        }
    }

    /**
     * Stores the values of a heartbeat; an older heartbeat than the one already stored is ignored. A receiver shown
     * offline whose heartbeat was received after it went offline is online again, as if its status had come.
     */
    private void applyHeartbeat(Receiver receiver, Presence.Heartbeat heartbeat, Map<String, ReceiverOutage> open) {
        OffsetDateTime receivedAt = heartbeat.receivedAt();
        if (!receiver.online && (receiver.lastSeen == null || receivedAt.isAfter(receiver.lastSeen))) {
            // its online status never reached the server (a broker drops what overflows a subscriber's queue, and a
            // status is sent once per connection): a heartbeat received after the last offline is proof of life
            comeOnline(receiver, receivedAt, open);
        }
        ReceiverHealth health = heartbeat.health();
        if (receiver.heartbeatAt != null && health.at().isBefore(receiver.heartbeatAt)) {
            return;
        }
        receiver.heartbeatAt = health.at();
        receiver.uptimeSeconds = health.uptimeSeconds();
        receiver.volume = health.volume();
        receiver.muted = health.muted();
        receiver.freeCacheBytes = health.freeCacheBytes();
        receiver.clockOffsetMs = health.clockOffsetMs();
        receiver.audioOutputOk = health.audioOutputOk();
        receiver.lastError = health.lastError();
        receiver.outboxPending = health.outboxPending();
        receiver.outboxDropped = health.outboxDropped();
        if (heartbeat.agentVersion() != null) {
            receiver.agentVersion = heartbeat.agentVersion();
        }
    }

    /** The receiver is online as of {@code receivedAt}: the outage it was in, if any, ends then. */
    private void comeOnline(Receiver receiver, OffsetDateTime receivedAt, Map<String, ReceiverOutage> open) {
        if (!receiver.online) {
            ReceiverOutage outage = open.remove(receiver.id);
            if (outage != null) {
                outage.endedAt = receivedAt;
            }
        }
        receiver.online = true;
        receiver.lastSeen = receivedAt;
    }

    /** The receiver is offline as of {@code receivedAt}: an outage starts then, unless it was offline already. */
    private void goOffline(Receiver receiver, OffsetDateTime receivedAt, Map<String, ReceiverOutage> open) {
        if (receiver.online) {
            ReceiverOutage outage = new ReceiverOutage();
            outage.receiverId = receiver.id;
            outage.startedAt = receivedAt;
            outages.persist(outage);
            open.put(receiver.id, outage);
        }
        receiver.online = false;
        receiver.lastSeen = receivedAt;
    }
}
