package io.dbchange.core.store;

import io.dbchange.api.rollback.RollbackStore;
import io.dbchange.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The rollback store contract for {@link JdbcRollbackStore}; {@link #reopened()} is a new store over a new pool. */
abstract class JdbcRollbackStoreContract extends RollbackStoreContract {

    private StoreDatabase database;

    /** The server the stores run on. */
    protected abstract TestServer server();

    @BeforeEach
    void createDatabase() {
        database = new StoreDatabase(server(), 2);
    }

    @AfterEach
    void closePoolsAndDropDatabase() {
        database.close();
    }

    @Override
    protected RollbackStore store() {
        return JdbcRollbackStore.configure().dataSource(database.pool()).build();
    }

    @Override
    protected RollbackStore reopened() {
        return JdbcRollbackStore.configure().dataSource(database.pool()).build();
    }
}
