package vn.loaxa.area.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The outline of one area as validated GeoJSON geometry text (see {@code OutlineGeometry}). */
@Entity
@Table(name = "area_outline")
public class AreaOutline {
    @Id
    @Column(name = "area_code")
    public String areaCode;

    public String geometry;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
