package vn.loaxa.bulletin.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.loaxa.access.AreaPaths;
import vn.loaxa.area.model.Area;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.BulletinStatus;
import vn.loaxa.bulletin.model.BulletinTransition;

/**
 * Approval by a second person (the four-eyes rule): nobody who wrote, edited or submitted a bulletin may approve or
 * reject it, administrators included. On by default; {@code loaxa.bulletin.four-eyes} turns it off for the whole
 * server or for one province (or any area), where the nearest area at or above the bulletin's owner decides.
 */
@ApplicationScoped
public class FourEyesRule {
    private final BulletinConfig config;
    private final AreaPaths areas;

    public FourEyesRule(BulletinConfig config, AreaPaths areas) {
        this.config = config;
        this.areas = areas;
    }

    /** Whether the rule holds for bulletins owned by {@code ownerArea} (null: made by a national account). */
    public boolean appliesTo(String ownerArea) {
        if (ownerArea != null) {
            List<String> chain = Area.chainOf(areas.pathOf(ownerArea).orElse("/" + ownerArea + "/"));
            for (int i = chain.size() - 1; i >= 0; i--) {
                Boolean override = config.fourEyes().areas().get(chain.get(i));
                if (override != null) {
                    return override;
                }
            }
        }
        return config.fourEyes().enabled();
    }

    /** Whether {@code user} may approve or reject the bulletin: the rule is off for it, or they are not its author. */
    public boolean allows(Bulletin bulletin, List<BulletinTransition> history, String user) {
        return !appliesTo(bulletin.ownerArea) || !authors(bulletin, history).contains(user);
    }

    /**
     * Everyone who made the bulletin what it is: its creator, and whoever edited it (a move to DRAFT) or submitted
     * it (a move to SUBMITTED).
     */
    public static Set<String> authors(Bulletin bulletin, List<BulletinTransition> history) {
        Set<String> authors = new LinkedHashSet<>();
        if (bulletin.createdBy != null) {
            authors.add(bulletin.createdBy);
        }
        for (BulletinTransition step : history) {
            if (step.toStatus == BulletinStatus.DRAFT || step.toStatus == BulletinStatus.SUBMITTED) {
                authors.add(step.actor);
            }
        }
        return authors;
    }
}
