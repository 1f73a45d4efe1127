package io.dbchange.core.engine.internal;

import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What one database family's transactions do, as far as {@link JdbcScriptExecutor} needs to know to report exactly
 * which statements of a script took effect. Implemented by each engine module; stateless and thread-safe.
 */
public interface TransactionSemantics {

    /** The dialect whose keywords and comments statements are written in. */
    Dialect dialect();

    /**
     * Whether, in {@code TransactionMode.ENGINE}, the whole script runs in one transaction that a failure rolls
     * back (PostgreSQL), rather than each statement committing as it completes (MySQL).
     */
    boolean scriptRunsInOneTransaction();

    /**
     * Whether the statement cannot run inside a transaction block and must run alone in auto-commit. Consulted only
     * when the script runs in one transaction.
     */
    boolean mustRunOutsideTransaction(SqlStatement statement);

    /**
     * Whether {@code START TRANSACTION}/{@code BEGIN} inside an open transaction commits it implicitly (MySQL) rather
     * than being ignored with a warning (PostgreSQL).
     */
    boolean beginCommitsOpenTransaction();

    /**
     * Whether a transaction is open on the session, as the server itself reports it (not guessed from keywords).
     *
     * @param connection the connection the script runs on (possibly a pool's proxy; implementations unwrap it)
     * @param refresh whether the status must be read afresh: the last statement failed, or nothing has run yet; a
     *     server that reports its status only with successful replies (MySQL) must be asked again
     * @throws SQLException when the connection cannot be read, which the executor treats as a lost connection
     */
    boolean inTransaction(Connection connection, boolean refresh) throws SQLException;

    /**
     * Whether the server's own last reply says the session's auto-commit is {@code autoCommit}, so that setting it
     * again would only repeat it; false when that is not known (the default: the executor then sets it).
     *
     * @throws SQLException when the connection cannot be read
     */
    default boolean serverReportsAutoCommit(Connection connection, boolean autoCommit) throws SQLException {
        return false;
    }

    /**
     * Whether this error, raised by a statement inside an explicit transaction, made the server roll the whole
     * transaction back (a deadlock, for example) rather than leave it open or commit it implicitly.
     */
    boolean errorRolledBackTransaction(SQLException error);
}
