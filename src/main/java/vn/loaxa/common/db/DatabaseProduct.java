package vn.loaxa.common.db;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The database behind the datasource, read once from its driver: PostgreSQL in production, H2 embedded. The few
 * statements that differ between the two choose by it.
 */
@ApplicationScoped
public class DatabaseProduct {
    private final boolean postgres;

    public DatabaseProduct(AgroalDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        }
    }

    /** Whether it is PostgreSQL; otherwise it is H2. */
    public boolean postgres() {
        return postgres;
    }
}
