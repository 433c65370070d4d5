package vn.loaxa.access;

import java.util.Optional;
import java.util.Set;

/** Where receivers stand in the area tree, kept by the receiver feature. */
public interface ReceiverPlaces {

    /** The code of the receiver's area; empty when no receiver has that id. */
    Optional<String> areaOf(String receiverId);

    /** The ids of the receivers whose area's path matches a SQL {@code LIKE} pattern (escape character backslash). */
    Set<String> idsUnder(String areaPathPattern);
}
