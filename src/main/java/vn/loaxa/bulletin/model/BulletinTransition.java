package vn.loaxa.bulletin.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One step of a bulletin's approval history: who moved it from which state to which, when and why. */
@Entity
@Table(name = "bulletin_transition")
public class BulletinTransition {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "bulletin_transition_seq")
    @SequenceGenerator(name = "bulletin_transition_seq", sequenceName = "bulletin_transition_seq", allocationSize = 50)
    public Long id;

    @Column(name = "bulletin_id")
    public UUID bulletinId;

    /** Null for the creation of the bulletin. */
    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public BulletinStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public BulletinStatus toStatus;

    public String actor;

    public String reason;

    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;
}
