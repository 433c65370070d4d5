package vn.loaxa.account.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "account")
public class Account {
    @Id
    public String username;

    @Column(name = "password_hash")
    public String passwordHash;

    public String role;

    /** Root of the area subtree the role applies to; null for the whole country (always so for an admin). */
    @Column(name = "area_code")
    public String areaCode;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** When an administrator locked the account; null while it may log in. */
    @Column(name = "locked_at")
    public OffsetDateTime lockedAt;
}
