package io.dbchange.mysql.internal;

import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.protocol.ServerSession;
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

    /** SERVER_STATUS_AUTOCOMMIT of the Client/Server Protocol's status flags. */
    private static final int SERVER_STATUS_AUTOCOMMIT = 0x0002;

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
        ServerSession server = mysql.getSession().getServerSession();
        // Connector/J clears its copy of the flags before reading each reply and sets them from an OK or EOF packet
        // only, so after an error they are all 0. The AUTOCOMMIT flag set therefore proves that the last reply was
        // not an error and that its IN_TRANS flag is the server's current state: no refresh needed (one round trip
        // less before every script on a pooled auto-commit connection).
        if (refresh && (server.getStatusFlags() & SERVER_STATUS_AUTOCOMMIT) == 0) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DO 0");
            }
        }
        return server.inTransactionOnServer();
    }

    /**
     * Only "on" can be known: the AUTOCOMMIT flag set comes from the server's last reply (an error leaves all flags
     * 0, which says nothing), so an auto-commit connection is not told so again after every script.
     */
    @Override
    public boolean serverReportsAutoCommit(Connection connection, boolean autoCommit) throws SQLException {
        if (!autoCommit) {
            return false;
        }
        JdbcConnection mysql = connection.unwrap(JdbcConnection.class);
        return mysql.getAutoCommit()
                && (mysql.getSession().getServerSession().getStatusFlags() & SERVER_STATUS_AUTOCOMMIT) != 0;
    }

    @Override
    public boolean errorRolledBackTransaction(SQLException error) {
        String state = error.getSQLState();
        return (state != null && state.startsWith("40"))
                || error.getErrorCode() == LOCK_DEADLOCK
                || error.getErrorCode() == LOCK_WAIT_TIMEOUT;
    }
}
