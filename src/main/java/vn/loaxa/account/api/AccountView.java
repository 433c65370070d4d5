package vn.loaxa.account.api;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A person's account; {@code areaCode} is null when the role covers the whole country, {@code lockedAt} null unless
 * an administrator locked it; {@code languages} are those a translator translates or an editor reviews.
 */
public record AccountView(
        String username,
        String role,
        String areaCode,
        OffsetDateTime createdAt,
        OffsetDateTime lockedAt,
        List<String> languages) {

    public boolean locked() {
        return lockedAt != null;
    }
}
