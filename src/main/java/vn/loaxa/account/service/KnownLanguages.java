package vn.loaxa.account.service;

/** The language catalogue as accounts see it, kept by the language feature: a translator's account names languages. */
public interface KnownLanguages {

    boolean exists(String languageCode);
}
