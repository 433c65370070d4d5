package vn.loaxa.account.service;

import java.util.Optional;

/**
 * Receivers' secrets, kept by the receiver feature: receivers log in through the same identity providers as people,
 * and their ids share one namespace with account names.
 */
public interface ReceiverCredentials {

    /** The bcrypt hash of the receiver's secret; empty when no receiver has that id. */
    Optional<String> secretHashOf(String receiverId);

    default boolean exists(String receiverId) {
        return secretHashOf(receiverId).isPresent();
    }
}
