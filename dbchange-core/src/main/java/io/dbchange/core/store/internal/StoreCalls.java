package io.dbchange.core.store.internal;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.store.StoreErrorCode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The two ways the JDBC stores (metadata, anomalies, snapshots) talk to their database: one statement in whatever
 * commit mode the pool hands out, or one short transaction re-run after a deadlock, serialization failure or (when
 * asked) a duplicate key. Nothing is held between calls.
 *
 * @param dataSource the store's database, never closed here
 * @param dialect its dialect
 * @param failure turns an SQL failure of an operation (named by the string) into the store's exception
 */
public record StoreCalls(
        DataSource dataSource,
        StoreDialect dialect,
        Function<String, Function<SQLException, DbChangeException>> failure) {

    private static final int ATTEMPTS = 5;

    /** Store calls whose failures read {@code <store> (<dialect>): <operation> failed [state] message; <hint>}. */
    public static StoreCalls of(DataSource dataSource, StoreDialect dialect, String store) {
        return new StoreCalls(
                dataSource,
                dialect,
                operation -> e -> new DbChangeException(
                        StoreErrorCode.STORE_UNAVAILABLE,
                        store + " (" + dialect.name() + "): " + operation + " failed [" + e.getSQLState() + "] "
                                + e.getMessage() + "; check that the store's database is reachable, then retry",
                        e));
    }

    /** Work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** One statement or read; committed if the pool does not autocommit. */
    public <T> T call(String operation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            if (c.getAutoCommit()) {
                return work.run(c);
            }
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw failure.apply(operation).apply(e);
        }
    }

    /**
     * One short transaction, re-run from the start (at most 5 times) after a deadlock or serialization failure, and
     * after a duplicate key if {@code againOnDuplicate} (a delete-then-insert that a concurrent insert overtook).
     */
    public <T> T transaction(String operation, boolean againOnDuplicate, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                boolean autoCommit = c.getAutoCommit();
                if (autoCommit) {
                    c.setAutoCommit(false);
                }
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c);
                    boolean again = e instanceof SQLException s
                            && (dialect.isTransient(s) || (againOnDuplicate && dialect.isDuplicateKey(s)));
                    if (!again || attempt >= ATTEMPTS) {
                        throw e;
                    }
                } finally {
                    if (autoCommit) {
                        c.setAutoCommit(true);
                    }
                }
            } catch (SQLException e) {
                throw failure.apply(operation).apply(e);
            }
            try {
                Thread.sleep(attempt * 5L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DbChangeException(StoreErrorCode.STORE_UNAVAILABLE, operation + ": interrupted", e);
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The original failure is what the caller needs; a broken connection is discarded by the pool.
        }
    }
}
