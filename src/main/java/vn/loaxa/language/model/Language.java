package vn.loaxa.language.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A language of the catalogue, by ISO 639-3 code, with a free dialect note (ethnic labels do not map 1:1). */
@Entity
@Table(name = "language")
public class Language {
    @Id
    public String code;

    @Column(name = "name_vi")
    public String nameVi;

    @Column(name = "name_en")
    public String nameEn;

    @Column(name = "dialect_note")
    public String dialectNote;
}
