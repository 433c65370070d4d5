package vn.loaxa.delivery.model;

/**
 * Hands out {@code delivery_event} ids from blocks of {@code delivery_event_seq} exactly as the entity's generator
 * does, so that both can run side by side: Quarkus's default optimizer is pooled-lo, which takes each sequence value
 * as the first id of a block of {@value #ALLOCATION}.
 */
final class EventIds {
    /** The sequence's INCREMENT BY, shared with {@link DeliveryEvent}'s generator. */
    static final int ALLOCATION = 50;

    private long next = 0;
    private long end = 0;

    boolean exhausted() {
        return next >= end;
    }

    void refill(long blockStart) {
        next = blockStart;
        end = blockStart + ALLOCATION;
    }

    long next() {
        return next++;
    }

    /** Sequence values that {@code rows} ids take. */
    static int blocksFor(int rows) {
        return (rows + ALLOCATION - 1) / ALLOCATION;
    }
}
