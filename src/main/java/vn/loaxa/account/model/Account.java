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

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
