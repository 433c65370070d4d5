package vn.loaxa.glossary.model;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A Vietnamese term of one domain and its term in other languages (by catalogue code). {@code vieFolded} and {@code
 * searchText} are the folded forms the service keeps for search and for matching a source text.
 */
@Entity
@Table(name = "glossary_entry")
public class GlossaryEntry {
    @Id
    public UUID id;

    public String vie;

    @Column(name = "vie_folded")
    public String vieFolded;

    public String domain;

    public String note;

    @Column(name = "search_text")
    public String searchText;

    @ElementCollection
    @CollectionTable(name = "glossary_term", joinColumns = @JoinColumn(name = "entry_id"))
    @MapKeyColumn(name = "language")
    @Column(name = "term")
    public Map<String, String> terms = new HashMap<>();

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
