package io.dbchange.core.store;

import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The metadata store contract on embedded MariaDB 11.4 (the MySQL dialect). */
class JdbcMetadataStoreMariaDbIT extends JdbcMetadataStoreContract {

    @Override
    protected TestServer server() {
        return TestServers.mysql();
    }

    @Override
    protected int openTransactions() throws SQLException {
        // InnoDB lists a transaction once it has read or written; an idle autocommit session has none.
        try (Connection c = database().openConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM information_schema.innodb_trx t"
                        + " JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id"
                        + " WHERE p.db = ? AND p.id <> CONNECTION_ID()")) {
            s.setString(1, database().name());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
