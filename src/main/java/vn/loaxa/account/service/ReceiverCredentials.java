package vn.loaxa.account.service;

/**
 * Receivers' secrets, kept by the receiver feature: receivers log in through the same identity providers as people,
 * and their ids share one namespace with account names.
 */
public interface ReceiverCredentials {

    boolean exists(String receiverId);

    /** Whether {@code secret} is the receiver's current secret; false for an unknown or revoked receiver. */
    boolean isCurrentSecret(String receiverId, String secret);
}
