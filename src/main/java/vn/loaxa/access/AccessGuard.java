package vn.loaxa.access;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Collection;
import java.util.UUID;
import vn.loaxa.account.Roles;
import vn.loaxa.account.service.AccountService;
import vn.loaxa.account.service.CredentialService;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.common.error.NotPermittedException;

/**
 * Checks the caller's area subtree (docs/security.md, "Roles"). Endpoints check the role first (with
 * {@code @RolesAllowed}), then ask this guard about the particular area, receiver or owned thing; a refusal is a 403
 * that names what is outside the caller's area.
 */
@RequestScoped
public class AccessGuard {
    private final SecurityIdentity identity;
    private final AreaPaths areas;
    private final ReceiverPlaces receivers;
    private final ReceiverAudio deliveries;
    private final TranslatorMedia translations;
    private final AccountService accounts;
    private Scope scope;

    public AccessGuard(
            SecurityIdentity identity,
            AreaPaths areas,
            ReceiverPlaces receivers,
            ReceiverAudio deliveries,
            TranslatorMedia translations,
            AccountService accounts) {
        this.deliveries = deliveries;
        this.translations = translations;
        this.accounts = accounts;
        this.identity = identity;
        this.areas = areas;
        this.receivers = receivers;
    }

    public Scope scope() {
        if (scope == null) {
            String code = identity.getAttribute(CredentialService.AREA_ATTRIBUTE);
            scope = code == null
                    ? Scope.NATIONWIDE
                    : new Scope(code, areas.pathOf(code).orElse("/" + code + "/"));
        }
        return scope;
    }

    /** The area must be the caller's own or below it (to target it, view it, or change what belongs to it). */
    public void area(String code) {
        String path = areas.pathOf(code).orElseThrow(() -> NotFoundException.of("Area", code));
        if (!scope().covers(path)) {
            throw outside("Area '" + code + "'");
        }
    }

    /** The named areas, given in a request body, must all be within the caller's subtree. */
    public void targetAreas(Collection<String> codes) {
        for (String code : codes) {
            String path = areas.pathOf(code).orElseThrow(() -> NotFoundException.referenced("Area", code));
            if (!scope().covers(path)) {
                throw outside("Area '" + code + "'");
            }
        }
    }

    /** The receiver must stand in the caller's subtree. */
    public void receiver(String id) {
        String area = receivers.areaOf(id).orElseThrow(() -> NotFoundException.of("Receiver", id));
        if (!scope().covers(pathOf(area))) {
            throw outside("Receiver '" + id + "'");
        }
    }

    /** Receivers named in a request body must all stand in the caller's subtree. */
    public void targetReceivers(Collection<String> ids) {
        if (scope().nationwide()) {
            return;
        }
        for (String id : ids) {
            String area = receivers.areaOf(id).orElseThrow(() -> NotFoundException.referenced("Receiver", id));
            if (!scope().covers(pathOf(area))) {
                throw outside("Receiver '" + id + "'");
            }
        }
    }

    /** Which receiver ids lie in the caller's subtree (all, for national accounts), for filtering lists. */
    public java.util.function.Predicate<String> receiversInScope() {
        if (scope().nationwide()) {
            return id -> true;
        }
        java.util.Set<String> ids = receivers.idsUnder(scope().likePattern());
        return ids::contains;
    }

    /** Reading something owned by {@code ownerArea} (null: owned nationally). */
    public void read(String what, String ownerArea) {
        if (!scope().mayRead(pathOf(ownerArea))) {
            throw outside(what);
        }
    }

    /**
     * The audio of a media item: people hear what their area may read; a receiver fetches only what one of its own
     * deliveries names, so that a stolen receiver secret opens no more than that receiver's programme.
     */
    public void audio(UUID mediaId, String ownerArea) {
        if (identity.hasRole(Roles.RECEIVER)) {
            if (!deliveries.namesMedia(identity.getPrincipal().getName(), mediaId)) {
                throw new NotPermittedException(ErrorMessage.of("access.media-not-delivered", mediaId));
            }
            return;
        }
        media(mediaId, ownerArea);
    }

    /**
     * Reading a media item: people read what their area may read; a translator only the source of its tasks and the
     * readings it uploaded (see {@link TranslatorMedia}).
     */
    public void media(UUID mediaId, String ownerArea) {
        if (translatorOnly()) {
            if (!translations.mayHear(identity.getPrincipal().getName(), mediaId)) {
                throw outside("Media '" + mediaId + "'");
            }
            return;
        }
        read("Media '" + mediaId + "'", ownerArea);
    }

    /** Whether the caller holds only the translator's capability: it sees its tasks and nothing else. */
    public boolean translatorOnly() {
        return identity.hasRole(Roles.TRANSLATE) && !identity.hasRole(Roles.VIEW) && !identity.hasRole(Roles.AUTHOR);
    }

    /** Uploading audio in a language: authors in any, a translator only in the languages its account names. */
    public void uploadIn(String language) {
        if (identity.hasRole(Roles.AUTHOR)) {
            return;
        }
        if (!accounts.languagesOf(identity.getPrincipal().getName()).contains(language)) {
            throw new NotPermittedException(ErrorMessage.of("translation.not-your-language", language));
        }
    }

    /** Changing something owned by {@code ownerArea} (null: owned nationally), or targeting it. */
    public void change(String what, String ownerArea) {
        if (!scope().mayChange(pathOf(ownerArea))) {
            throw outside(what);
        }
    }

    /**
     * Actions that reach across the whole country, such as applying schedule files (which also retire broadcasts
     * the files no longer declare), need a national account.
     */
    public void nationwide(String action) {
        if (!scope().nationwide()) {
            throw new NotPermittedException(ErrorMessage.of("access.nationwide", action, scope().areaCode()));
        }
    }

    /** The materialised path of an area, or null for no area (national). */
    public String pathOf(String areaCode) {
        return areaCode == null ? null : areas.pathOf(areaCode).orElse(null);
    }

    private NotPermittedException outside(String what) {
        ErrorMessage mine = scope().nationwide()
                ? ErrorMessage.of("access.scope.country")
                : ErrorMessage.of("access.scope.area", scope().areaCode());
        return new NotPermittedException(ErrorMessage.of("access.outside", what, mine));
    }
}
