package vn.loaxa.media.service;

import java.util.List;
import java.util.UUID;

/**
 * What a feature above media (bulletins, broadcasts) says about its use of a media item. The media feature asks every
 * implementation before it deletes an item, so that it never needs to know those features itself.
 */
public interface MediaUsage {
    /** The titles of what uses the item (bulletins, by their titles), or an empty list when nothing does. */
    List<String> usersOf(UUID mediaId);
}
