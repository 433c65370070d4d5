package vn.loaxa.audit.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Who changed what, when, and how it looked before and after. Written once, never updated. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {
    @Id
    public UUID id;

    public OffsetDateTime at;

    public String actor;

    public String method;

    public String path;

    @Column(name = "target_type")
    public String targetType;

    @Column(name = "target_id")
    public String targetId;

    public int status;

    public String request;

    @Column(name = "before_value")
    public String beforeValue;

    @Column(name = "after_value")
    public String afterValue;
}
