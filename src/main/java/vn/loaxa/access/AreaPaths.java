package vn.loaxa.access;

import java.util.Optional;

/** Areas' materialised paths (such as {@code /20/20-TK/}), kept by the area feature. */
public interface AreaPaths {

    /** The area's path; empty when no area has that code. */
    Optional<String> pathOf(String areaCode);
}
