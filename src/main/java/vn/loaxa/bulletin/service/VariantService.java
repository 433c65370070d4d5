package vn.loaxa.bulletin.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import vn.loaxa.bulletin.api.VariantView;
import vn.loaxa.bulletin.model.Bulletin;
import vn.loaxa.bulletin.model.BulletinRepository;
import vn.loaxa.bulletin.model.BulletinVariant;
import vn.loaxa.bulletin.model.BulletinVariantRepository;
import vn.loaxa.bulletin.model.Segment;
import vn.loaxa.common.error.NotFoundException;
import vn.loaxa.media.model.Media;
import vn.loaxa.media.model.MediaRepository;
import vn.loaxa.media.service.MediaAssembler;

/**
 * Language variants of bulletins. A receiver whose profile is [vie, tyz] plays the ALL segments plus the vie and tyz
 * segments, in the bulletin's order; each distinct choice of languages is rendered once, into one media item.
 */
@ApplicationScoped
public class VariantService {
    static final String ALL = "ALL";

    private final BulletinRepository bulletins;
    private final BulletinVariantRepository variants;
    private final MediaRepository media;
    private final MediaAssembler assembler;
    private final BulletinConfig config;

    public VariantService(BulletinRepository bulletins, BulletinVariantRepository variants, MediaRepository media,
            MediaAssembler assembler, BulletinConfig config) {
        this.bulletins = bulletins;
        this.variants = variants;
        this.media = media;
        this.assembler = assembler;
        this.config = config;
    }

    /** The bulletin's languages that a receiver with this profile plays, in bulletin order. */
    public static List<String> languagesFor(Bulletin bulletin, List<String> profile) {
        Set<String> chosen = new LinkedHashSet<>();
        for (Segment segment : bulletin.segments) {
            if (!ALL.equals(segment.language) && profile.contains(segment.language)) {
                chosen.add(segment.language);
            }
        }
        return List.copyOf(chosen);
    }

    /** The rendered variant for a receiver's profile, rendering it first if needed. Call inside a transaction. */
    public Media variantFor(Bulletin bulletin, List<String> profile) {
        List<String> languages = languagesFor(bulletin, profile);
        String key = languages.isEmpty() ? BulletinVariant.ALL_ONLY : String.join(",", languages);
        BulletinVariant existing = variants.findById(new BulletinVariant.Key(bulletin.id, key));
        if (existing != null) {
            return media.findById(existing.mediaId);
        }
        List<Path> parts = new ArrayList<>();
        config.introChime().ifPresent(parts::add);
        for (Segment segment : bulletin.segments) {
            if (ALL.equals(segment.language) || languages.contains(segment.language)) {
                parts.add(assembler.opusOf(segment.mediaId));
            }
        }
        String language = languages.isEmpty() ? "mul" : languages.get(0);
        Media rendered = assembler.assemble(parts, config.segmentGap(), bulletin.title + " [" + key + "]", language,
                bulletin.createdBy);
        BulletinVariant variant = new BulletinVariant();
        variant.key = new BulletinVariant.Key(bulletin.id, key);
        variant.mediaId = rendered.id;
        variant.createdAt = OffsetDateTime.now();
        variants.persist(variant);
        return rendered;
    }

    /**
     * Every variant rendered so far, after making sure that the one with all its languages and the one for each
     * single language exist.
     */
    @Transactional
    public List<VariantView> variants(UUID bulletinId) {
        Bulletin bulletin = bulletins.findByIdOptional(bulletinId)
                .orElseThrow(() -> NotFoundException.of("Bulletin", bulletinId));
        List<String> all = languagesFor(bulletin, bulletin.segments.stream().map(s -> s.language).toList());
        variantFor(bulletin, all);
        for (String language : all) {
            variantFor(bulletin, List.of(language));
        }
        List<VariantView> views = new ArrayList<>();
        for (BulletinVariant v : variants.ofBulletin(bulletinId)) {
            Media m = media.findById(v.mediaId);
            List<String> languages = BulletinVariant.ALL_ONLY.equals(v.key.languages)
                    ? List.of() : List.of(v.key.languages.split(","));
            views.add(new VariantView(languages, m.id, m.durationMs, m.sha256, "/api/v1/media/" + m.id + "/audio",
                    m.mp3Sha256, "/api/v1/media/" + m.id + "/audio.mp3"));
        }
        return views;
    }

    /** Forgets the rendered variants, after the bulletin's content has changed. */
    public void invalidate(UUID bulletinId) {
        variants.deleteOfBulletin(bulletinId);
    }
}
