package vn.loaxa.language.service;

import jakarta.enterprise.context.ApplicationScoped;
import vn.loaxa.common.language.KnownLanguages;
import vn.loaxa.language.model.LanguageRepository;

/** The catalogue, as the features below this one ask it whether a code names a language. */
@ApplicationScoped
public class CataloguedLanguages implements KnownLanguages {
    private final LanguageRepository languages;

    public CataloguedLanguages(LanguageRepository languages) {
        this.languages = languages;
    }

    @Override
    public boolean exists(String code) {
        return code != null && languages.findByIdOptional(code).isPresent();
    }
}
