package vn.loaxa.translation.model;

import java.util.Set;

/**
 * The states of a translation task: REQUESTED → SUBMITTED → ACCEPTED, or SUBMITTED → RETURNED (with a reason) →
 * SUBMITTED again; a task not yet accepted may be CANCELLED.
 */
public enum TaskState {
    REQUESTED,
    SUBMITTED,
    RETURNED,
    ACCEPTED,
    CANCELLED;

    /** States in which a task still waits for someone: only one such task per bulletin and language. */
    public static final Set<TaskState> OPEN = Set.of(REQUESTED, SUBMITTED, RETURNED);

    public boolean open() {
        return OPEN.contains(this);
    }

    /** Whether the translator may (re)submit a reading now. */
    public boolean awaitsReading() {
        return this == REQUESTED || this == RETURNED;
    }
}
