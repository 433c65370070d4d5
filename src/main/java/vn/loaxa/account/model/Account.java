package vn.loaxa.account.model;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.TreeSet;

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

    /**
     * ISO 639-3 codes of the languages the person translates (a translator) or reviews (an editor); an editor without
     * any reviews every language.
     */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "account_language", joinColumns = @JoinColumn(name = "username"))
    @Column(name = "language")
    public Set<String> languages = new TreeSet<>();
}
