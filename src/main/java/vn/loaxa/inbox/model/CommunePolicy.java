package vn.loaxa.inbox.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/** A commune's own inbox policy; communes without one follow {@code loaxa.inbox.default-policy}. */
@Entity
@Table(name = "commune_inbox_policy")
public class CommunePolicy {
    @Id
    @Column(name = "area_code")
    public String areaCode;

    @Enumerated(EnumType.STRING)
    public InboxPolicy policy;

    /** The commune's usual airing time, proposed when an item is accepted at the commune's own time; may be null. */
    @Column(name = "default_time")
    public LocalTime defaultTime;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
