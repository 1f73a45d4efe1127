package io.dbchange.core.store;

import io.dbchange.api.drift.SnapshotStore;
import io.dbchange.testing.TestServer;
import org.junit.jupiter.api.AfterEach;

/**
 * The snapshot store contract for {@link JdbcSnapshotStore}, each test in a fresh database; a second node is a store
 * built over a new pool by the metadata store's factory, as a host builds it.
 */
abstract class JdbcSnapshotStoreContract extends SnapshotStoreContract {

    private StoreDatabase database;

    /** The server the stores run on. */
    protected abstract TestServer server();

    @AfterEach
    void closePoolsAndDropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected SnapshotStore newStore() {
        database = new StoreDatabase(server(), 4);
        return JdbcSnapshotStore.configure().dataSource(database.pool()).build();
    }

    @Override
    protected SnapshotStore secondNode(SnapshotStore first) {
        return JdbcMetadataStore.configure().dataSource(database.pool()).build().snapshotStore();
    }
}
