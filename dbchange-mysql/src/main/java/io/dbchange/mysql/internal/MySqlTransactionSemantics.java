package io.dbchange.mysql.internal;

import com.mysql.cj.jdbc.JdbcConnection;
import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.engine.internal.TransactionSemantics;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * MySQL's and MariaDB's transactions: each statement commits as it completes unless the script opened a
 * transaction; DDL and {@code START TRANSACTION} commit an open transaction implicitly.
 *
 * <p>Whether a transaction is open is the {@code SERVER_STATUS_IN_TRANS} flag the server sends with every OK
 * packet (Client/Server Protocol, "Status Flags"), which Connector/J keeps in
 * {@code JdbcConnection.getSession().getServerSession().inTransactionOnServer()}. An error packet carries no
 * status, and after one Connector/J's copy reads "no transaction" whatever the server's state; so after a failure
 * the flag is refreshed with a no-op {@code DO 0} (without it, a failure inside an explicit transaction would be
 * taken for an implicit commit). The refresh also tells whether a failed DDL statement committed the open
 * transaction before it failed, as MySQL does for most DDL errors other than syntax errors.
 */
public final class MySqlTransactionSemantics implements TransactionSemantics {

    /** ER_LOCK_WAIT_TIMEOUT: rolls back the transaction when {@code innodb_rollback_on_timeout} is on. */
    private static final int LOCK_WAIT_TIMEOUT = 1205;

    /** ER_LOCK_DEADLOCK: the server rolled the transaction back. */
    private static final int LOCK_DEADLOCK = 1213;

    @Override
    public Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    public boolean scriptRunsInOneTransaction() {
        return false;
    }

    @Override
    public boolean mustRunOutsideTransaction(SqlStatement statement) {
        return false;
    }

    @Override
    public boolean beginCommitsOpenTransaction() {
        return true;
    }

    @Override
    public boolean inTransaction(Connection connection, boolean refresh) throws SQLException {
        // A pool's connection is a proxy; the flag lives in Connector/J's own connection behind it.
        JdbcConnection mysql = connection.unwrap(JdbcConnection.class);
        if (refresh) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DO 0");
            }
        }
        return mysql.getSession().getServerSession().inTransactionOnServer();
    }

    @Override
    public boolean errorRolledBackTransaction(SQLException error) {
        String state = error.getSQLState();
        return (state != null && state.startsWith("40"))
                || error.getErrorCode() == LOCK_DEADLOCK
                || error.getErrorCode() == LOCK_WAIT_TIMEOUT;
    }
}
