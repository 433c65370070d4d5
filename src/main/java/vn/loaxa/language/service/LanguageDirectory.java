package vn.loaxa.language.service;

import jakarta.enterprise.context.ApplicationScoped;
import vn.loaxa.account.service.KnownLanguages;
import vn.loaxa.language.model.LanguageRepository;

/** The language catalogue as the features below it (accounts) see it. */
@ApplicationScoped
public class LanguageDirectory implements KnownLanguages {
    private final LanguageRepository languages;

    public LanguageDirectory(LanguageRepository languages) {
        this.languages = languages;
    }

    @Override
    public boolean exists(String languageCode) {
        return languageCode != null && languages.findByIdOptional(languageCode).isPresent();
    }
}
