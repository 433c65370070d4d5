package vn.loaxa.delivery.model;

/**
 * What a receiver reported of a live session with its PLAYED: the frames it played, dropped as late and concealed
 * as lost, and how many times it (re)joined. A negative count from a faulty agent is kept as 0.
 */
public record LiveCounts(long framesPlayed, long framesLate, long framesLost, int joins) {

    public LiveCounts {
        framesPlayed = Math.max(0, framesPlayed);
        framesLate = Math.max(0, framesLate);
        framesLost = Math.max(0, framesLost);
        joins = Math.max(0, joins);
    }
}
