package io.dbchange.postgres.internal;

import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.engine.internal.TransactionSemantics;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * PostgreSQL's transactions: DDL is transactional, so a script runs in one transaction, except statements that
 * cannot run in a transaction block ({@link NonTransactionalStatements}).
 *
 * <p>Whether a transaction is open is the transaction status the server sends with every ReadyForQuery message
 * (idle, in a transaction, in a failed transaction), which pgJDBC keeps in
 * {@link BaseConnection#getTransactionState()}; it is always current, also after an error.
 */
public final class PostgresTransactionSemantics implements TransactionSemantics {

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public boolean scriptRunsInOneTransaction() {
        return true;
    }

    @Override
    public boolean mustRunOutsideTransaction(SqlStatement statement) {
        return NonTransactionalStatements.mustRunOutsideTransaction(statement.sql());
    }

    /** {@code BEGIN} inside a transaction only raises a warning. */
    @Override
    public boolean beginCommitsOpenTransaction() {
        return false;
    }

    @Override
    public boolean inTransaction(Connection connection, boolean refresh) throws SQLException {
        // A pool's connection is a proxy; the state lives in pgJDBC's own connection behind it.
        return connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
    }

    /** Never: an error leaves the transaction open (failed) until it is rolled back. */
    @Override
    public boolean errorRolledBackTransaction(SQLException error) {
        return false;
    }
}
