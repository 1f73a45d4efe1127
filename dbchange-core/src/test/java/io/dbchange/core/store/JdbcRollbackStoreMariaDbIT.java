package io.dbchange.core.store;

import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServers;

/** {@link JdbcRollbackStoreContract} on the embedded MariaDB server. */
class JdbcRollbackStoreMariaDbIT extends JdbcRollbackStoreContract {

    @Override
    protected TestServer server() {
        return TestServers.mysql();
    }
}
