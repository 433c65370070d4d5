package vn.loaxa.translation.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import vn.loaxa.access.TranslatorMedia;

/** Lets the access checks ask which audio a translator may hear (see {@link TranslationService#mayHear}). */
@ApplicationScoped
public class TranslatorAccess implements TranslatorMedia {
    private final TranslationService translations;

    public TranslatorAccess(TranslationService translations) {
        this.translations = translations;
    }

    @Override
    public boolean mayHear(String username, UUID mediaId) {
        return translations.mayHear(username, mediaId);
    }
}
