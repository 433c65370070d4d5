package vn.loaxa.bulletin.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import vn.loaxa.common.text.SearchText;

@ApplicationScoped
public class TopicRepository implements PanacheRepositoryBase<Topic, String> {

    /** The topic named by its code or by its Vietnamese name, with or without diacritics. */
    public Optional<Topic> byCodeOrName(String value) {
        String folded = SearchText.fold(value);
        return listAll().stream()
                .filter(t -> t.code.equals(value) || SearchText.fold(t.nameVi).equals(folded))
                .findFirst();
    }
}
