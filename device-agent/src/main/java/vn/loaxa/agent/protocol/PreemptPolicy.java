package vn.loaxa.agent.protocol;

/**
 * What happens to an entry that a higher-priority entry interrupts ({@code onPreempt} in a manifest entry).
 * Absent means {@link #RESUME}.
 */
public enum PreemptPolicy {
    /** Continue from where it was interrupted once nothing of higher priority is playing. */
    RESUME,
    /** Play again from the beginning once nothing of higher priority is playing. */
    RESTART,
    /** Do not play the rest; report {@link EventType#PREEMPTED}. */
    DROP;

    /** The policy when a manifest entry names none. */
    public static final PreemptPolicy DEFAULT = RESUME;
}
