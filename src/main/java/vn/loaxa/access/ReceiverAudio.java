package vn.loaxa.access;

import java.util.UUID;

/** The audio a receiver is entitled to fetch, kept by the delivery feature: what its own deliveries name. */
public interface ReceiverAudio {

    boolean namesMedia(String receiverId, UUID mediaId);
}
