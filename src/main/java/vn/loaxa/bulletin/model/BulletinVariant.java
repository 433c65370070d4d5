package vn.loaxa.bulletin.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** One rendered language variant of a bulletin: a READY media item holding its ALL and chosen-language segments. */
@Entity
@Table(name = "bulletin_variant")
public class BulletinVariant {
    /** {@code languages} value of the variant that has only the ALL segments. */
    public static final String ALL_ONLY = "ALL";

    @EmbeddedId
    public Key key;

    @Column(name = "media_id")
    public UUID mediaId;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "bulletin_id")
        public UUID bulletinId;

        /** Comma-separated ISO 639-3 codes in bulletin order, or {@link #ALL_ONLY}. */
        public String languages;

        public Key() {}

        public Key(UUID bulletinId, String languages) {
            this.bulletinId = bulletinId;
            this.languages = languages;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(bulletinId, k.bulletinId)
                    && Objects.equals(languages, k.languages);
        }

        @Override
        public int hashCode() {
            return Objects.hash(bulletinId, languages);
        }
    }
}
