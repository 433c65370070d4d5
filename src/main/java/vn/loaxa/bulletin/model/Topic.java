package vn.loaxa.bulletin.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A bulletin topic from the catalogue (dân tộc, tôn giáo, pháp luật, …). */
@Entity
@Table(name = "topic")
public class Topic {
    @Id
    public String code;

    @Column(name = "name_vi")
    public String nameVi;

    @Column(name = "name_en")
    public String nameEn;
}
