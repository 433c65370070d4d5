package vn.loaxa.delivery.model;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import vn.loaxa.common.db.DatabaseProduct;

/** Picks the ingest statements for the configured database. */
@ApplicationScoped
public class IngestStores {

    @Produces
    @ApplicationScoped
    IngestStore store(DatabaseProduct database) {
        return database.postgres() ? new PostgresIngestStore() : new StandardIngestStore();
    }
}
