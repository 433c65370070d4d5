package vn.loaxa.account.api;

import java.time.OffsetDateTime;

/**
 * A person's account; {@code areaCode} is null when the role covers the whole country, {@code lockedAt} null unless
 * an administrator locked it.
 */
public record AccountView(
        String username, String role, String areaCode, OffsetDateTime createdAt, OffsetDateTime lockedAt) {

    public boolean locked() {
        return lockedAt != null;
    }
}
