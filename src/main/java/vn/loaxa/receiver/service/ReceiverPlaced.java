package vn.loaxa.receiver.service;

/** A receiver was provisioned into an area (or moved to another): the areas it listens to may have changed. */
public record ReceiverPlaced(String receiverId) {}
