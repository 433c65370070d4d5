package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Leaves half of each page of {@code delivery} free on PostgreSQL (it was 30%, see
 * {@link V12_1__Delivery_fillfactor}). A delivery is updated by two to four receiver batches within minutes of its
 * insert, before the page's dead versions can be pruned; at 70% the second update of most rows found no room, left
 * the page and wrote all three indexes. Measured on the P1 benchmark: the batch update took 22–26 ms instead of
 * 32–39 ms per 2,000 deliveries (docs/performance.md). Only pages written from now on get the new room.
 */
public class V15_5__Delivery_more_room_for_updates extends BaseJavaMigration {
    /** Percent of each page filled by inserts; the rest is kept for newer versions of the rows on it. */
    private static final int FILLFACTOR = 50;

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
