package vn.loaxa.bulletin.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    public VariantService(
            BulletinRepository bulletins,
            BulletinVariantRepository variants,
            MediaRepository media,
            MediaAssembler assembler,
            BulletinConfig config) {
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

    /**
     * The rendered variant for a receiver's profile. Call inside a transaction, after {@link #prepare} for the
     * profiles concerned: a variant that is missing still, because a receiver's profile changed meanwhile, is
     * rendered here, inside the caller's transaction.
     */
    public Media variantFor(Bulletin bulletin, List<String> profile) {
        Render render = renderOf(bulletin, profile);
        BulletinVariant existing = variants.findById(render.key());
        if (existing != null) {
            return media.findById(existing.mediaId);
        }
        Media rendered = assembler.render(
                render.parts(), config.segmentGap(), render.title(), render.language(), bulletin.createdBy);
        media.persist(rendered);
        record(render.key(), rendered);
        return rendered;
    }

    /**
     * Renders every variant that these receiver profiles play and that does not exist yet, with FFmpeg running
     * outside any transaction; each is recorded in a short transaction of its own. When two requests render the same
     * variant at once, the first recorded wins and the other's copy is dropped. Call outside a transaction.
     */
    public void prepare(UUID bulletinId, Collection<List<String>> profiles) {
        List<Render> missing = QuarkusTransaction.requiringNew().call(() -> {
            Bulletin bulletin = bulletins.findById(bulletinId);
            if (bulletin == null) {
                return List.<Render>of();
            }
            Map<BulletinVariant.Key, Render> renders = new LinkedHashMap<>();
            for (List<String> profile : profiles) {
                Render render = renderOf(bulletin, profile);
                if (!renders.containsKey(render.key()) && variants.findById(render.key()) == null) {
                    renders.put(render.key(), render);
                }
            }
            return List.copyOf(renders.values());
        });
        for (Render render : missing) {
            Media rendered = assembler.render(
                    render.parts(), config.segmentGap(), render.title(), render.language(), render.user());
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (variants.findById(render.key()) == null) {
                        media.persist(rendered);
                        record(render.key(), rendered);
                    }
                });
            } catch (RuntimeException e) {
                if (QuarkusTransaction.requiringNew().call(() -> variants.findById(render.key())) == null) {
                    throw e;
                }
                // recorded by a concurrent request first
            }
        }
    }

    /** What rendering one language selection of a bulletin takes: the files in order, and how to name it. */
    private record Render(BulletinVariant.Key key, List<Path> parts, String title, String language, String user) {}

    private Render renderOf(Bulletin bulletin, List<String> profile) {
        List<String> languages = languagesFor(bulletin, profile);
        String key = languages.isEmpty() ? BulletinVariant.ALL_ONLY : String.join(",", languages);
        List<Path> parts = new ArrayList<>();
        config.introChime().ifPresent(parts::add);
        for (Segment segment : bulletin.segments) {
            if (ALL.equals(segment.language) || languages.contains(segment.language)) {
                parts.add(assembler.opusOf(segment.mediaId));
            }
        }
        return new Render(
                new BulletinVariant.Key(bulletin.id, key),
                parts,
                bulletin.title + " [" + key + "]",
                languages.isEmpty() ? "mul" : languages.get(0),
                bulletin.createdBy);
    }

    private void record(BulletinVariant.Key key, Media rendered) {
        BulletinVariant variant = new BulletinVariant();
        variant.key = key;
        variant.mediaId = rendered.id;
        variant.createdAt = OffsetDateTime.now();
        variants.persist(variant);
    }

    /**
     * Every variant rendered so far, after making sure that the one with all its languages and the one for each
     * single language exist.
     */
    public List<VariantView> variants(UUID bulletinId) {
        List<List<String>> profiles = QuarkusTransaction.requiringNew().call(() -> {
            Bulletin bulletin = bulletins
                    .findByIdOptional(bulletinId)
                    .orElseThrow(() -> NotFoundException.of("Bulletin", bulletinId));
            List<String> all = languagesFor(
                    bulletin, bulletin.segments.stream().map(s -> s.language).toList());
            List<List<String>> wanted = new ArrayList<>();
            wanted.add(all);
            all.forEach(language -> wanted.add(List.of(language)));
            return wanted;
        });
        prepare(bulletinId, profiles);
        return QuarkusTransaction.requiringNew().call(() -> views(bulletinId));
    }

    private List<VariantView> views(UUID bulletinId) {
        List<VariantView> views = new ArrayList<>();
        for (BulletinVariant v : variants.ofBulletin(bulletinId)) {
            Media m = media.findById(v.mediaId);
            List<String> languages =
                    BulletinVariant.ALL_ONLY.equals(v.key.languages) ? List.of() : List.of(v.key.languages.split(","));
            views.add(new VariantView(
                    languages,
                    m.id,
                    m.durationMs,
                    m.sha256,
                    "/api/v1/media/" + m.id + "/audio",
                    m.mp3Sha256,
                    "/api/v1/media/" + m.id + "/audio.mp3"));
        }
        return views;
    }

    /** Forgets the rendered variants, after the bulletin's content has changed. */
    public void invalidate(UUID bulletinId) {
        variants.deleteOfBulletin(bulletinId);
    }
}
