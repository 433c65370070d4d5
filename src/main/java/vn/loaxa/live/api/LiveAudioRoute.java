package vn.loaxa.live.api;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.loaxa.account.Roles;
import vn.loaxa.common.api.ErrorLanguage;
import vn.loaxa.common.api.Problem;
import vn.loaxa.common.api.Problems;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;
import vn.loaxa.live.service.LiveEnd;
import vn.loaxa.live.service.LiveService;
import vn.loaxa.live.service.OggSource;
import vn.loaxa.schedule.service.BroadcastGuard;

/**
 * {@code POST /api/v1/live/{id}/audio}: the session's audio as an Ogg Opus stream, relayed packet by packet as it
 * arrives (FFmpeg sends it chunked, in real time). A plain route rather than a REST method, because the REST layer
 * reads a whole body before it calls the method, and this body lasts as long as the person speaks. It makes the same
 * checks as the live API: a person with the right to schedule, to a session of their area. When the stream ends the
 * session ends; a connection that breaks off leaves it to end after the source timeout.
 */
@ApplicationScoped
public class LiveAudioRoute {
    private static final Logger LOG = Logger.getLogger(LiveAudioRoute.class);
    static final String PATH = "/api/v1/live/:id/audio";

    private final LiveService live;
    private final OggSource ogg;

    public LiveAudioRoute(LiveService live, OggSource ogg) {
        this.live = live;
        this.ogg = ogg;
    }

    void register(@Observes Router router) {
        router.post(PATH).handler(this::audio);
    }

    private void audio(RoutingContext rc) {
        rc.request().pause();
        Locale locale = ErrorLanguage.of(
                rc.parsedHeaders().acceptLanguage().stream().map(l -> l.value()).toList(),
                rc.request().getCookie("loaxa-lang") == null
                        ? null
                        : rc.request().getCookie("loaxa-lang").getValue());
        UUID id;
        try {
            id = UUID.fromString(rc.pathParam("id"));
        } catch (IllegalArgumentException e) {
            respond(rc, Problem.of(404, text("not-found.title", locale), text("not-found.address", locale), path(rc)));
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(rc, null)
                .subscribe()
                .with(identity -> authorised(rc, identity, id, locale), failure -> unauthenticated(rc, locale));
    }

    private void authorised(RoutingContext rc, SecurityIdentity identity, UUID id, Locale locale) {
        if (identity == null || identity.isAnonymous()) {
            unauthenticated(rc, locale);
        } else if (!identity.hasRole(Roles.SCHEDULE)) {
            respond(rc, Problems.forbidden(locale, path(rc)));
        } else {
            rc.vertx()
                    .executeBlocking(() -> open(identity, id))
                    .onSuccess(stream ->
                            relay(rc, stream, id, identity.getPrincipal().getName(), locale))
                    .onFailure(e -> respond(rc, problem(e, locale, path(rc))));
        }
    }

    private static void unauthenticated(RoutingContext rc, Locale locale) {
        rc.response().putHeader("WWW-Authenticate", "Basic realm=\"loaxa\"");
        respond(rc, Problems.unauthenticated(locale, path(rc)));
    }

    /** The area check of the REST API, made for this caller in a request context of its own. */
    private OggSource.Stream open(SecurityIdentity identity, UUID id) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(identity);
            Arc.container().instance(BroadcastGuard.class).get().change(live.broadcastOf(id));
            return ogg.open(id);
        } finally {
            request.terminate();
        }
    }

    private void relay(RoutingContext rc, OggSource.Stream stream, UUID id, String user, Locale locale) {
        rc.request().handler(buffer -> {
            try {
                stream.feed(buffer.getBytes());
            } catch (InvalidRequestException e) {
                // a stream that is not Ogg Opus is refused; the session stays open for a proper source
                rc.request().handler(null).endHandler(null);
                respond(rc, problem(e, locale, path(rc)));
            }
        });
        rc.request().exceptionHandler(e -> LOG.infof("Live session %s: the audio stream broke off (%s)", id, e));
        rc.request()
                .endHandler(end -> rc.vertx()
                        .executeBlocking(() -> live.end(id, user, LiveEnd.ENDED))
                        .onSuccess(view -> {
                            if (!rc.response().ended() && !rc.response().closed()) {
                                rc.response()
                                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                                        .end(Json.encode(view));
                            }
                        })
                        .onFailure(e -> LOG.warnf(e, "Live session %s could not be ended", id)));
        rc.request().resume();
    }

    private static Problem problem(Throwable e, Locale locale, String path) {
        return Problems.of(e, locale, path).orElseGet(() -> {
            LOG.error("Live audio failed unexpectedly", e);
            return Problem.of(500, text("unexpected.title", locale), text("unexpected.title", locale), path);
        });
    }

    private static void respond(RoutingContext rc, Problem problem) {
        if (rc.response().ended() || rc.response().closed()) {
            return;
        }
        rc.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }

    private static String text(String key, Locale locale) {
        return ErrorMessage.of(key).render(locale);
    }

    private static String path(RoutingContext rc) {
        return rc.request().path();
    }
}
