package vn.loaxa.live.api;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.security.RolesAllowed;
import java.util.UUID;
import vn.loaxa.account.Roles;
import vn.loaxa.live.service.LiveService;
import vn.loaxa.schedule.service.BroadcastGuard;

/**
 * The browser's source of a live session: each binary message is one Opus packet after its capture timestamp on the
 * browser's own timeline (8 bytes, big-endian microseconds). Closing the socket leaves the session open for the
 * source timeout, so that a page that reconnects carries on; the page ends the session through the API.
 */
@WebSocket(path = "/api/v1/live/{id}/socket")
@RolesAllowed(Roles.SCHEDULE)
public class LiveSocket {
    private static final int TIMESTAMP_BYTES = 8;

    private final LiveService live;
    private final BroadcastGuard guard;

    public LiveSocket(LiveService live, BroadcastGuard guard) {
        this.live = live;
        this.guard = guard;
    }

    @OnOpen
    void open(@PathParam String id) {
        UUID session = UUID.fromString(id);
        guard.change(live.broadcastOf(session));
        live.sourceConnected(session);
    }

    @OnBinaryMessage
    void packet(@PathParam String id, Buffer message) {
        if (message.length() <= TIMESTAMP_BYTES) {
            return;
        }
        live.accept(UUID.fromString(id), message.getLong(0), message.getBytes(TIMESTAMP_BYTES, message.length()));
    }
}
