package vn.loaxa.common.model;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.OffsetDateTime;

/**
 * The columns of something a person makes and an area owns: who made it, when, and the area whose subtree may change
 * it. Each entity that extends it keeps these columns in its own table.
 */
@MappedSuperclass
public abstract class Authored {
    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** The area of whoever made it, whose subtree may change it; null when made nationally. */
    @Column(name = "owner_area")
    public String ownerArea;
}
