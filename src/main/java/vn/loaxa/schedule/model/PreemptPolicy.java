package vn.loaxa.schedule.model;

/** What an airing does when a higher-priority item interrupts it (docs/protocol.md, {@code onPreempt}). */
public enum PreemptPolicy {
    /** Continue from where it stopped once nothing of higher priority plays (the agent's default). */
    RESUME,
    /** Play again from the beginning once nothing of higher priority plays. */
    RESTART,
    /** Stop for good and report PREEMPTED. */
    DROP
}
