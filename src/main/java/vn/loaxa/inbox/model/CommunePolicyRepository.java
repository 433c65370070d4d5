package vn.loaxa.inbox.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CommunePolicyRepository implements PanacheRepositoryBase<CommunePolicy, String> {}
