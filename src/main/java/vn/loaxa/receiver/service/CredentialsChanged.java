package vn.loaxa.receiver.service;

/** A receiver's secret was rotated or revoked: whatever holds a login of it must check again. */
public record CredentialsChanged(String receiverId) {}
