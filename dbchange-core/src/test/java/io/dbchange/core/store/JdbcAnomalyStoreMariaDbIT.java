package io.dbchange.core.store;

import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServers;

/** {@link JdbcAnomalyStoreContract} on the embedded MariaDB server. */
class JdbcAnomalyStoreMariaDbIT extends JdbcAnomalyStoreContract {

    @Override
    protected TestServer server() {
        return TestServers.mysql();
    }
}
