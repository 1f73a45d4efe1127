package io.dbchange.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbchange.api.rollback.RollbackStore;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The rollback store contract on the embedded server; {@link #reopened()} is a new store over a new pool. */
class JdbcRollbackStoreMariaDbIT extends RollbackStoreContract {

    private final TestDatabase database = TestServers.mysql().createDatabase();
    private final List<HikariDataSource> pools = new ArrayList<>();

    @AfterEach
    void close() {
        pools.forEach(HikariDataSource::close);
        database.close();
    }

    private HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    @Override
    protected RollbackStore store() {
        return JdbcRollbackStore.configure().dataSource(pool()).build();
    }

    @Override
    protected RollbackStore reopened() {
        return JdbcRollbackStore.configure().dataSource(pool()).build();
    }
}
