package vn.loaxa.receiver.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One period in which a receiver was offline; {@code endedAt} is null while it still is. */
@Entity
@Table(name = "receiver_outage")
public class ReceiverOutage {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "receiver_outage_seq")
    @SequenceGenerator(name = "receiver_outage_seq", sequenceName = "receiver_outage_seq", allocationSize = 50)
    public Long id;

    @Column(name = "receiver_id")
    public String receiverId;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;
}
