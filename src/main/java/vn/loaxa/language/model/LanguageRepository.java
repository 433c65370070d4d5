package vn.loaxa.language.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class LanguageRepository implements PanacheRepositoryBase<Language, String> {}
