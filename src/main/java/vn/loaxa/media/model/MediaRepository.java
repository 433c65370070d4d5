package vn.loaxa.media.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class MediaRepository implements PanacheRepositoryBase<Media, UUID> {}
