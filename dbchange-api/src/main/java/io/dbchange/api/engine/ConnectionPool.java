package io.dbchange.api.engine;

import java.sql.Connection;
import javax.sql.DataSource;

/**
 * A pool of connections to one database, opened by {@link DatabaseEngine#openPool(ConnectionSettings)}. Closing it
 * closes every connection it holds. Thread-safe.
 */
public interface ConnectionPool extends AutoCloseable {

    /** The pool's name for logs (engine, host, port, database; never a password). */
    String name();

    /** The pool as a {@link DataSource}; valid until {@link #close()}. */
    DataSource dataSource();

    /**
     * Borrows a connection; the caller closes it to return it.
     *
     * @throws io.dbchange.api.DbChangeException with code {@code CONNECTION_FAILED} when none can be had
     */
    Connection getConnection();

    @Override
    void close();
}
