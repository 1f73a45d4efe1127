package io.dbchange.core.store;

import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServers;

/** {@link JdbcSnapshotStoreContract} on the embedded PostgreSQL server. */
class JdbcSnapshotStorePostgresIT extends JdbcSnapshotStoreContract {

    @Override
    protected TestServer server() {
        return TestServers.postgres();
    }
}
