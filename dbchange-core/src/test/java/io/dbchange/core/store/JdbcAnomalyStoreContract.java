package io.dbchange.core.store;

import io.dbchange.api.drift.AnomalyStore;
import io.dbchange.testing.TestServer;
import org.junit.jupiter.api.AfterEach;

/**
 * The anomaly store contract for {@link JdbcAnomalyStore}, each test in a fresh database; a second node is a store
 * built over a new pool by the metadata store's factory, as a host builds it.
 */
abstract class JdbcAnomalyStoreContract extends AnomalyStoreContract {

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
    protected AnomalyStore newStore() {
        database = new StoreDatabase(server(), 4);
        return JdbcAnomalyStore.configure().dataSource(database.pool()).build();
    }

    @Override
    protected AnomalyStore secondNode() {
        return JdbcMetadataStore.configure().dataSource(database.pool()).build().anomalyStore();
    }
}
