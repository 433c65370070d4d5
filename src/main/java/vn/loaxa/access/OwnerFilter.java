package vn.loaxa.access;

import java.util.Map;

/**
 * A JPQL condition on an entity's {@code ownerArea} that keeps what a {@link Scope} may read: things owned
 * nationally, within the subtree, or by the areas above it. Nationwide scopes keep everything.
 */
public record OwnerFilter(String jpql, Map<String, Object> parameters) {

    public static OwnerFilter readableBy(Scope scope) {
        if (scope.nationwide()) {
            return new OwnerFilter("1 = 1", Map.of());
        }
        return new OwnerFilter(
                "(ownerArea is null or ownerArea in :lineage or ownerArea in"
                        + " (select a.code from Area a where a.path like :covered escape '\\'))",
                Map.of("lineage", scope.lineage(), "covered", scope.likePattern()));
    }

    /** Keeps what the scope may change: things owned within the subtree (everything, nationwide). */
    public static OwnerFilter changeableBy(Scope scope) {
        if (scope.nationwide()) {
            return new OwnerFilter("1 = 1", Map.of());
        }
        return new OwnerFilter(
                "ownerArea in (select a.code from Area a where a.path like :covered escape '\\')",
                Map.of("covered", scope.likePattern()));
    }
}
