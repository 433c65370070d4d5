package vn.loaxa.group.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ReceiverGroupRepository implements PanacheRepositoryBase<ReceiverGroup, String> {}
