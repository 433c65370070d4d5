package vn.loaxa.delivery.model;

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

/** One event a receiver reported; unique per (occurrence, receiver, event). */
@Entity
@Table(name = "delivery_event")
public class DeliveryEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "delivery_event_seq")
    @SequenceGenerator(name = "delivery_event_seq", sequenceName = "delivery_event_seq", allocationSize = 50)
    public Long id;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "occurrence_id")
    public UUID occurrenceId;

    @Column(name = "receiver_id")
    public String receiverId;

    @Enumerated(EnumType.STRING)
    public DeliveryState event;

    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;

    @Column(name = "received_at")
    public OffsetDateTime receivedAt;

    public String reason;

    /** The occurrence's play time: on PostgreSQL the table is partitioned by its month. */
    @Column(name = "play_at")
    public OffsetDateTime playAt;
}
