package io.dbchange.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServer;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh database on a test server for the JDBC store tests, and the pools opened on it: each {@link #pool()} is one
 * store node, as another host or a restarted process builds it. {@link #close()} closes the pools and drops the
 * database.
 */
final class StoreDatabase implements AutoCloseable {

    private final TestDatabase database;
    private final int poolSize;
    private final List<HikariDataSource> pools = new ArrayList<>();

    /** @param poolSize the connections of each pool at most */
    StoreDatabase(TestServer server, int poolSize) {
        this.database = server.createDatabase();
        this.poolSize = poolSize;
    }

    TestDatabase database() {
        return database;
    }

    /** A new pool on the database: one node. */
    HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(0);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
        database.close();
    }
}
