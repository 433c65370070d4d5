package vn.loaxa.agent.protocol;

/**
 * How a live session went on this receiver, sent with its {@code PLAYED} event.
 *
 * @param framesPlayed audio frames played
 * @param framesLate   frames that came after their play time (or were skipped to catch up) and were dropped
 * @param framesLost   frames that had not come when their time came, played as silence
 * @param joins        the times the agent (re)started playing the session: 1 if it never lost the stream
 */
public record LiveReport(long framesPlayed, long framesLate, long framesLost, long joins) {}
