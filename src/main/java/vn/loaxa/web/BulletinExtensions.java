package vn.loaxa.web;

import io.quarkus.qute.TemplateExtension;
import vn.loaxa.bulletin.api.BulletinView;
import vn.loaxa.bulletin.model.BulletinStatus;

/** What the templates read off a bulletin beyond its fields: {@code {b.rejection}}. */
@TemplateExtension
public final class BulletinExtensions {
    private BulletinExtensions() {}

    /** The step that rejected a REJECTED bulletin (who, when and the reason), so its author can fix it; else null. */
    static BulletinView.TransitionView rejection(BulletinView bulletin) {
        if (bulletin.status() != BulletinStatus.REJECTED) {
            return null;
        }
        return bulletin.history().stream()
                .filter(t -> t.to() == BulletinStatus.REJECTED)
                .reduce((first, second) -> second)
                .orElse(null);
    }
}
