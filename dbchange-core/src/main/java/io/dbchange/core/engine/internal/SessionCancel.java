package io.dbchange.core.engine.internal;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The two statements behind an engine's {@code sessionId} and {@code cancelStatement}. */
public final class SessionCancel {

    private SessionCancel() {}

    /** The first column of the first row of {@code sql}, as text. */
    public static String query(Connection connection, String sql, String engine) {
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        } catch (SQLException e) {
            throw new DbChangeException(
                    CoreErrorCode.CONNECTION_FAILED,
                    "could not read the " + engine + " session id with [" + sql + "]: " + e.getMessage()
                            + "; check that the connection is open",
                    e);
        }
    }

    /** Runs {@code sql} (a cancel) on {@code other}. */
    public static void run(Connection other, String sql, String engine) {
        try (Statement s = other.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new DbChangeException(
                    CoreErrorCode.STATEMENT_FAILED,
                    "could not cancel a running " + engine + " statement with [" + sql + "]: " + e.getMessage()
                            + "; the user needs the right to cancel its own sessions (MySQL: its own threads;"
                            + " PostgreSQL: the same role or pg_signal_backend)",
                    e);
        }
    }
}
