package vn.loaxa.receiver.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.loaxa.account.model.AccountRepository;
import vn.loaxa.area.model.Area;
import vn.loaxa.area.model.AreaRepository;
import vn.loaxa.common.error.ConflictException;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.common.text.Codes;
import vn.loaxa.receiver.api.OutageView;
import vn.loaxa.receiver.api.ReceiverHealth;
import vn.loaxa.receiver.api.ReceiverRequest;
import vn.loaxa.receiver.api.ReceiverView;
import vn.loaxa.receiver.model.Receiver;
import vn.loaxa.receiver.model.ReceiverOutageRepository;
import vn.loaxa.receiver.model.ReceiverRepository;

@ApplicationScoped
public class ReceiverService {

    private final ReceiverRepository receivers;
    private final ReceiverOutageRepository outages;
    private final AreaRepository areas;
    private final AccountRepository accounts;
    private final ReceiverSecrets secrets;
    private final Event<CredentialsChanged> credentialsChanged;
    private final Event<ReceiverPlaced> placed;
    private final Event<ReceiverMoved> moved;

    public ReceiverService(
            ReceiverRepository receivers,
            ReceiverOutageRepository outages,
            AreaRepository areas,
            AccountRepository accounts,
            ReceiverSecrets secrets,
            Event<CredentialsChanged> credentialsChanged,
            Event<ReceiverPlaced> placed,
            Event<ReceiverMoved> moved) {
        this.placed = placed;
        this.moved = moved;
        this.receivers = receivers;
        this.outages = outages;
        this.areas = areas;
        this.accounts = accounts;
        this.secrets = secrets;
        this.credentialsChanged = credentialsChanged;
    }

    @Transactional
    public List<ReceiverView> list() {
        return receivers.allById().stream().map(r -> view(r, null)).toList();
    }

    /** The receivers whose area path matches the SQL {@code LIKE} pattern (escape character backslash). */
    @Transactional
    public List<ReceiverView> list(String areaPathPattern) {
        return receivers.inAreaPaths(areaPathPattern).stream()
                .map(r -> view(r, null))
                .toList();
    }

    /** The display names of the receivers with these ids that exist, by id. */
    @Transactional
    public Map<String, String> displayNames(Collection<String> ids) {
        Map<String, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            receivers.list("id in ?1", ids).forEach(r -> names.put(r.id, r.displayName));
        }
        return names;
    }

    @Transactional
    public ReceiverView get(String id) {
        return view(find(id), null);
    }

    /** Registers a receiver and returns its secret, which is shown only this once. */
    @Transactional
    public ReceiverView provision(ReceiverRequest request) {
        // without an id (the web UI asks for none), one is made from the name; it is the receiver's login name
        String id = request.id() == null || request.id().isBlank()
                ? Codes.fromName(
                        request.displayName(),
                        "receiver",
                        64,
                        c -> receivers.findByIdOptional(c).isPresent()
                                || accounts.findByIdOptional(c).isPresent())
                : request.id();
        if (receivers.findByIdOptional(id).isPresent()
                || accounts.findByIdOptional(id).isPresent()) {
            throw new ConflictException(ErrorMessage.of("receiver.name-taken", id));
        }
        if (areas.findByIdOptional(request.areaCode()).isEmpty()) {
            throw NotFoundException.referenced("Area", request.areaCode());
        }
        Receiver receiver = new Receiver();
        receiver.id = id;
        receiver.displayName = request.displayName().strip();
        receiver.areaCode = request.areaCode();
        receiver.languages = request.languages() == null ? new ArrayList<>() : new ArrayList<>(request.languages());
        receiver.latitude = request.latitude();
        receiver.longitude = request.longitude();
        receiver.createdAt = OffsetDateTime.now();
        String secret = secrets.issue(receiver);
        receivers.persist(receiver);
        placed.fire(new ReceiverPlaced(receiver.id));
        return view(receiver, secret);
    }

    /**
     * Moves a receiver to another area. Its new area's broadcasts reach it from their next dispatch; it is told its
     * new area topics at once (a new {@code areas} message) and disconnected, so that the broker grants them at its
     * next login.
     */
    @Transactional
    public ReceiverView move(String id, String areaCode) {
        Receiver receiver = find(id);
        Area area = areas.findByIdOptional(areaCode).orElseThrow(() -> NotFoundException.referenced("Area", areaCode));
        if (!areaCode.equals(receiver.areaCode)) {
            receiver.areaCode = areaCode;
            moved.fire(new ReceiverMoved(id, area.code, Area.chainOf(area.path)));
            placed.fire(new ReceiverPlaced(id));
            credentialsChanged.fire(new CredentialsChanged(id));
        }
        return view(receiver, null);
    }

    /** Issues a new secret; the old one stops working at once. */
    @Transactional
    public String rotateSecret(String id) {
        String secret = secrets.issue(find(id));
        credentialsChanged.fire(new CredentialsChanged(id));
        return secret;
    }

    /** Stops the receiver's secret from working anywhere, at once, until a new one is issued. */
    @Transactional
    public ReceiverView revoke(String id) {
        Receiver receiver = find(id);
        secrets.revoke(receiver);
        credentialsChanged.fire(new CredentialsChanged(id));
        return view(receiver, null);
    }

    /** Fails with 404 unless the receiver is registered. */
    @Transactional
    public void requireExists(String id) {
        find(id);
    }

    /** Outages of one receiver that overlap [from, to), oldest first. */
    @Transactional
    public List<OutageView> outages(String id, OffsetDateTime from, OffsetDateTime to) {
        find(id);
        OffsetDateTime now = OffsetDateTime.now();
        return outages.overlapping(List.of(id), from, to).stream()
                .map(o -> new OutageView(
                        o.receiverId,
                        o.startedAt,
                        o.endedAt,
                        Duration.between(o.startedAt, o.endedAt == null ? now : o.endedAt)
                                .toSeconds()))
                .toList();
    }

    private Receiver find(String id) {
        return receivers.findByIdOptional(id).orElseThrow(() -> NotFoundException.of("Receiver", id));
    }

    private static ReceiverView view(Receiver r, String secret) {
        return new ReceiverView(
                r.id,
                r.displayName,
                r.areaCode,
                List.copyOf(r.languages),
                r.latitude,
                r.longitude,
                r.online,
                r.lastSeen,
                r.agentVersion,
                health(r),
                secret);
    }

    private static ReceiverHealth health(Receiver r) {
        if (r.heartbeatAt == null) {
            return null;
        }
        return new ReceiverHealth(
                r.heartbeatAt,
                r.uptimeSeconds,
                r.volume,
                r.muted,
                r.freeCacheBytes,
                r.clockOffsetMs,
                r.audioOutputOk,
                r.lastError,
                r.outboxPending,
                r.outboxDropped);
    }
}
