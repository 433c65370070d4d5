package vn.loaxa.delivery.model;

/**
 * The SET list of the set-based delivery update, shared by both databases: it reads the target row as {@code d} and
 * one {@link DeliveryAdvance} as {@code v}, and chooses by the row's state as it finds it, so that concurrent writers
 * need no retry. Three cases, in order: an open row that the events take through MISSED and back
 * ({@code v.late}); an open row whose state moves up in rank; a MISSED row that a late report overturns
 * ({@code v.m_state}). Otherwise the state stays and only empty time columns fill in.
 */
final class AdvanceSql {
    /** The columns of {@code v}, in the order the stores bind them. */
    static final String COLUMNS = "id, state, state_rank, carries_reason, reason, delivered_at, downloaded_at,"
            + " started_at, finished_at, late, late_finished_at, m_state, m_rank, m_reason, m_finished_at";

    private static final String LATE = "(v.late and d.state_rank < " + DeliveryState.FINAL_RANK + ")";
    private static final String UP = "(v.state_rank > d.state_rank)";
    private static final String OVERTURN = "(d.state = 'MISSED' and v.m_state is not null)";

    static final String SET = " state = case when " + LATE + " or " + UP + " then v.state"
            + " when " + OVERTURN + " then v.m_state else d.state end,"
            + " reason = case when " + LATE + " then v.reason when " + UP + " and v.carries_reason then v.reason"
            + " when " + OVERTURN + " then v.m_reason else d.reason end,"
            + " state_rank = case when " + LATE + " or " + UP + " then v.state_rank"
            + " when " + OVERTURN + " then v.m_rank else d.state_rank end,"
            + " delivered_at = coalesce(d.delivered_at, v.delivered_at),"
            + " downloaded_at = coalesce(d.downloaded_at, v.downloaded_at),"
            + " started_at = coalesce(d.started_at, v.started_at),"
            + " finished_at = case when " + LATE + " then v.late_finished_at when " + OVERTURN + " then v.m_finished_at"
            + " else coalesce(d.finished_at, v.finished_at) end,"
            + " reported_late_at = case when " + LATE + " or " + OVERTURN
            + " then v.now_at else d.reported_late_at end,"
            + " updated_at = v.now_at, version = d.version + 1";

    private AdvanceSql() {}
}
