package vn.loaxa.bulletin.model;

import java.util.Set;

/** Approval (kiểm duyệt) states: DRAFT → SUBMITTED → APPROVED or REJECTED; only APPROVED bulletins can be scheduled. */
public enum BulletinStatus {
    DRAFT,
    SUBMITTED,
    APPROVED,
    REJECTED;

    /** The states a bulletin may move to from this one by submit, approve or reject. */
    public Set<BulletinStatus> next() {
        return switch (this) {
            case DRAFT, REJECTED -> Set.of(SUBMITTED);
            case SUBMITTED -> Set.of(APPROVED, REJECTED);
            case APPROVED -> Set.of();
        };
    }
}
