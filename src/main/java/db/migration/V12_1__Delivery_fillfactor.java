package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Leaves room in each page of {@code delivery} on PostgreSQL so that the updates receiver events make can be HOT
 * (heap-only: the new row version stays on its page and no index is written). A Java migration because the storage
 * parameter is PostgreSQL syntax and H2 has no equivalent; on H2 it does nothing.
 */
public class V12_1__Delivery_fillfactor extends BaseJavaMigration {
    /** Percent of each page filled by inserts; the rest is kept for newer versions of the rows on it. */
    private static final int FILLFACTOR = 70;

    @Override
    public void migrate(Context context) throws Exception {
        if (!"PostgreSQL".equals(context.getConnection().getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("ALTER TABLE delivery SET (fillfactor = " + FILLFACTOR + ")");
        }
    }
}
