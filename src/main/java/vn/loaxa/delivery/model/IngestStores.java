package vn.loaxa.delivery.model;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.sql.Connection;
import java.sql.SQLException;

/** Picks the ingest statements for the configured database, by the product name its driver reports. */
@ApplicationScoped
public class IngestStores {

    @Produces
    @ApplicationScoped
    IngestStore store(AgroalDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())
                    ? new PostgresIngestStore()
                    : new StandardIngestStore();
        }
    }
}
