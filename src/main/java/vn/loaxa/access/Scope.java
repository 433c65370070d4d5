package vn.loaxa.access;

/**
 * The area subtree a person's role applies to, by the root's materialised path (such as {@code /20/20-TK/}); a null
 * path is the whole country. Things owned by an area are readable from anywhere on the same line of the tree (the
 * owner's subtree, and the areas above it, whose people look down on it; content from above is also shared
 * downward) and changeable only from within the owner's subtree. Siblings never see each other's.
 */
public record Scope(String areaCode, String areaPath) {
    public static final Scope NATIONWIDE = new Scope(null, null);

    public boolean nationwide() {
        return areaPath == null;
    }

    /** Whether the area at {@code path} is the scope's root or below it. */
    public boolean covers(String path) {
        return nationwide() || path != null && path.startsWith(areaPath);
    }

    /** Whether the area at {@code path} is covered, or is above the scope's root. */
    public boolean sharesLineWith(String path) {
        return covers(path) || path != null && areaPath.startsWith(path);
    }

    /** Whether something owned by the area at {@code ownerPath} (null: owned nationally) may be read. */
    public boolean mayRead(String ownerPath) {
        return ownerPath == null || sharesLineWith(ownerPath);
    }

    /** Whether something owned by the area at {@code ownerPath} (null: owned nationally) may be changed. */
    public boolean mayChange(String ownerPath) {
        return ownerPath == null ? nationwide() : covers(ownerPath);
    }

    /** A SQL {@code LIKE} pattern (escape character backslash) matching the paths of every covered area. */
    public String likePattern() {
        return nationwide()
                ? "%"
                : areaPath.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** The codes of the root and of every area above it, top first; empty for the whole country. */
    public java.util.List<String> lineage() {
        return areaPath == null
                ? java.util.List.of()
                : java.util.Arrays.stream(areaPath.split("/"))
                        .filter(code -> !code.isEmpty())
                        .toList();
    }
}
