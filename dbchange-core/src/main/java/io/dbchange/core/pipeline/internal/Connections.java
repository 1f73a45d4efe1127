package io.dbchange.core.pipeline.internal;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionPool;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.engine.DatabaseEngine;
import io.dbchange.api.project.Instance;
import io.dbchange.api.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connections to target databases. On MySQL/MariaDB a database is a catalog of the server's session, so one pool per
 * instance serves all its databases (a thousand tenants need no thousand pools): the catalog is selected on borrow.
 * On PostgreSQL a connection belongs to one database, so a task gets a connection of its own to its database, closed
 * after the task (a pool per database would keep idle connections to every tenant). Thread-safe.
 */
public final class Connections implements AutoCloseable {

    /** An open connection to one database, returned to its pool (or closed) on {@link #close()}. */
    public interface Handle extends AutoCloseable {
        Connection connection();

        /**
         * Whether opening it already made a round trip to the server that succeeded (MySQL: selecting the database),
         * so that a liveness check right after would only repeat it.
         */
        boolean answered();

        @Override
        void close();
    }

    private final Map<String, ConnectionPool> instancePools = new ConcurrentHashMap<>();
    private final int poolSize;

    /** @param poolSize the most connections one instance's pool holds (MySQL) */
    public Connections(int poolSize) {
        this.poolSize = poolSize;
    }

    /**
     * Opens a connection to {@code database} on {@code instance}; with {@code database} empty, to the instance
     * itself (CREATE DATABASE).
     *
     * @throws DbChangeException CONNECTION_FAILED naming the redacted URL and user
     */
    public Handle open(Instance instance, DatabaseEngine engine, String database) {
        if (engine.dialect() == Dialect.MYSQL) {
            ConnectionPool pool = instancePools.computeIfAbsent(
                    instance.id(), id -> engine.openPool(instance.connection().withMaxPoolSize(poolSize)));
            Connection c = pool.getConnection();
            try {
                if (!database.isEmpty()) {
                    c.setCatalog(database);
                }
            } catch (SQLException e) {
                closeQuietly(c);
                throw new DbChangeException(
                        CoreErrorCode.CONNECTION_FAILED,
                        "cannot select database '" + database + "' on instance " + instance.id() + " ("
                                + ConnectionSettings.redact(
                                        instance.connection().jdbcUrl()) + "): "
                                + e.getMessage() + "; check that the database exists and the user may use it",
                        e);
            }
            return handle(c, null, !database.isEmpty());
        }
        ConnectionSettings base = instance.connection();
        ConnectionSettings settings = database.isEmpty()
                ? base.withMaxPoolSize(1)
                : new ConnectionSettings(
                        withDatabase(base.jdbcUrl(), database),
                        base.user(),
                        base.password(),
                        base.properties(),
                        1,
                        base.connectTimeout());
        ConnectionPool pool = engine.openPool(settings);
        try {
            return handle(pool.getConnection(), pool, false);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static Handle handle(Connection c, ConnectionPool ownPool, boolean answered) {
        return new Handle() {
            @Override
            public Connection connection() {
                return c;
            }

            @Override
            public boolean answered() {
                return answered;
            }

            @Override
            public void close() {
                closeQuietly(c);
                if (ownPool != null) {
                    ownPool.close();
                }
            }
        };
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Returning a broken connection to its pool: the pool evicts it; nothing else to do.
        }
    }

    /**
     * The URL with its database replaced, keeping hosts and query parameters: {@code jdbc:postgresql://h:5432/postgres?x=1}
     * and {@code t_1} give {@code jdbc:postgresql://h:5432/t_1?x=1}.
     */
    static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String parameters = query < 0 ? "" : jdbcUrl.substring(query);
        int hosts = base.indexOf("//");
        if (hosts < 0) {
            int colon = base.indexOf(':', "jdbc:".length());
            return base.substring(0, colon + 1) + database + parameters;
        }
        int path = base.indexOf('/', hosts + 2);
        String authority = path < 0 ? base : base.substring(0, path);
        return authority + "/" + database + parameters;
    }

    @Override
    public void close() {
        instancePools.values().forEach(ConnectionPool::close);
        instancePools.clear();
    }
}
