package vn.loaxa.schedule.service;

import java.util.Collection;
import java.util.UUID;
import vn.loaxa.bulletin.model.Priority;

/**
 * Where a NORMAL broadcast from above waits for each commune's consent, kept by the inbox feature. Runs in the
 * transaction that creates the broadcast.
 */
public interface CommuneInbox {

    /** Opens the inbox items of a newly created broadcast; returns how many communes got one. */
    int open(UUID broadcastId, Priority priority, Collection<String> targetAreas);
}
