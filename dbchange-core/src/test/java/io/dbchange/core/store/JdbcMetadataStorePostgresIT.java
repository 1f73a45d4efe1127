package io.dbchange.core.store;

import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The metadata store contract on embedded PostgreSQL 17. */
class JdbcMetadataStorePostgresIT extends JdbcMetadataStoreContract {

    @Override
    protected TestServer server() {
        return TestServers.postgres();
    }

    @Override
    protected int openTransactions() throws SQLException {
        try (Connection c = database().openConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = ? AND pid <> pg_backend_pid() AND xact_start IS NOT NULL")) {
            s.setString(1, database().name());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
