package vn.loaxa.receiver.service;

import java.util.List;

/**
 * A receiver moved to another area, fired inside the move's transaction; {@code areaChain} holds the codes of its
 * new area and of every area above it, root first.
 */
public record ReceiverMoved(String receiverId, String areaCode, List<String> areaChain) {}
