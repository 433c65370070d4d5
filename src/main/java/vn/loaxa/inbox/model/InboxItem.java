package vn.loaxa.inbox.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One NORMAL broadcast from above, as it stands in one commune's inbox. */
@Entity
@Table(name = "inbox_item")
public class InboxItem {
    @Id
    public UUID id;

    @Column(name = "broadcast_id")
    public UUID broadcastId;

    @Column(name = "commune_code")
    public String communeCode;

    @Enumerated(EnumType.STRING)
    public InboxStatus status;

    /** The commune's own broadcast, when the item was accepted at a new time. */
    @Column(name = "placed_broadcast_id")
    public UUID placedBroadcastId;

    public String reason;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** Whether the commune's receivers get the original broadcast itself. */
    public boolean airsOriginal() {
        return status == InboxStatus.ACCEPTED && placedBroadcastId == null;
    }
}
