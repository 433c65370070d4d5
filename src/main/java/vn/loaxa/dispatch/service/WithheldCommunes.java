package vn.loaxa.dispatch.service;

import java.util.Set;
import java.util.UUID;

/** Communes that have not taken a broadcast from above, kept by the inbox feature; dispatch leaves them out. */
public interface WithheldCommunes {

    /** Communes whose receivers must not get the broadcast itself (item pending, declined or placed anew). */
    Set<String> withheldCommunes(UUID broadcastId);
}
