package io.dbchange.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbchange.api.drift.SnapshotStore;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The snapshot store contract on the embedded server, each test in a fresh database; a second node is a store built
 * over a new pool, as another host or a restarted process builds it.
 */
class JdbcSnapshotStorePostgresIT extends SnapshotStoreContract {

    private final List<HikariDataSource> pools = new ArrayList<>();
    private TestDatabase database;

    @AfterEach
    void close() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected SnapshotStore newStore() {
        database = TestServers.postgres().createDatabase();
        return JdbcSnapshotStore.configure().dataSource(pool()).build();
    }

    @Override
    protected SnapshotStore secondNode(SnapshotStore first) {
        // The metadata store's factory, as a host builds it.
        return JdbcMetadataStore.configure().dataSource(pool()).build().snapshotStore();
    }

    private HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }
}
