package vn.loaxa.glossary.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class GlossaryEntryRepository implements PanacheRepositoryBase<GlossaryEntry, UUID> {

    public Optional<GlossaryEntry> findTerm(String vie, String domain) {
        return find("vie = ?1 and domain = ?2", vie, domain).firstResultOptional();
    }

    /**
     * The entries whose folded Vietnamese term is a whole word sequence of {@code foldedText}, which must be padded
     * with a space at each end. Folded text holds only letters, digits and single spaces, so it has no LIKE wildcards.
     */
    public List<GlossaryEntry> occurringIn(String foldedText) {
        return list("?1 like concat('% ', vieFolded, ' %')", foldedText);
    }
}
