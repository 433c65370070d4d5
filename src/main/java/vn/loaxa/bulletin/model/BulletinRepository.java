package vn.loaxa.bulletin.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class BulletinRepository implements PanacheRepositoryBase<Bulletin, UUID> {}
