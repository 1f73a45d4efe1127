package io.dbchange.testing.internal;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServerKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates and drops test databases with plain JDBC. Names come from {@link DatabaseNames} or are validated. */
public final class DatabaseAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseAdmin.class);

    /** SQLSTATE of PostgreSQL's "database does not exist", met when an external server lacks {@code postgres}. */
    private static final String PG_INVALID_CATALOG = "3D000";

    private DatabaseAdmin() {}

    /**
     * Creates database {@code name} with the admin connection and returns it, reachable as {@code user}.
     *
     * @param owner on PostgreSQL the role that owns the new database, or {@code null} for the admin user
     */
    public static TestDatabase create(
            TestServerKind kind, ConnectionSettings admin, String name, String user, String password, String owner) {
        String sql = kind == TestServerKind.MYSQL
                // utf8mb4 explicitly: older external servers still default to latin1.
                ? "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4"
                // template0: a database copied from template1 would inherit whatever someone added there.
                : "CREATE DATABASE \"" + name + "\" TEMPLATE template0"
                        + (owner == null ? "" : " OWNER \"" + owner + "\"");
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new DbChangeException(
                    CoreErrorCode.TEST_SERVER_UNAVAILABLE,
                    "cannot create test database " + name + " on " + ConnectionSettings.redact(admin.jdbcUrl())
                            + " as " + admin.user() + " (SQLSTATE " + e.getSQLState() + ": " + e.getMessage()
                            + "); the user needs the privilege to create databases",
                    e);
        }
        LOG.debug("created test database {} on {}", name, ConnectionSettings.redact(admin.jdbcUrl()));
        String url = JdbcUrls.withDatabase(admin.jdbcUrl(), name);
        return new TestDatabase(kind, name, url, user, password);
    }

    /** Drops the database if it exists, connecting with the database's own user to its server. */
    public static void drop(TestDatabase db) {
        if (db.kind() == TestServerKind.MYSQL) {
            dropMySql(db, JdbcUrls.withDatabase(db.jdbcUrl(), ""));
            return;
        }
        // PostgreSQL cannot drop the database a session is connected to; FORCE ends the test's leftover sessions.
        String sql = "DROP DATABASE IF EXISTS \"" + db.name() + "\" WITH (FORCE)";
        try {
            execute(db, JdbcUrls.withDatabase(db.jdbcUrl(), "postgres"), sql);
        } catch (DbChangeException e) {
            if (e.getCause() instanceof SQLException sqlException
                    && PG_INVALID_CATALOG.equals(sqlException.getSQLState())) {
                execute(db, JdbcUrls.withDatabase(db.jdbcUrl(), "template1"), sql);
            } else {
                throw e;
            }
        }
    }

    /**
     * Ends the user's other sessions on the database first: a leaked connection with an open transaction holds
     * metadata locks that would make {@code DROP DATABASE} wait for {@code lock_wait_timeout} (a year by default).
     */
    private static void dropMySql(TestDatabase db, String url) {
        try (Connection c = DriverManager.getConnection(url, db.user(), db.password());
                Statement s = c.createStatement()) {
            List<Long> sessions = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()")) {
                ps.setString(1, db.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sessions.add(rs.getLong(1));
                    }
                }
            }
            for (long session : sessions) {
                try {
                    s.execute("KILL CONNECTION " + session);
                } catch (SQLException e) {
                    LOG.debug("cannot end session {} on test database {}: {}", session, db.name(), e.getMessage());
                }
            }
            s.execute("DROP DATABASE IF EXISTS `" + db.name() + "`");
        } catch (SQLException e) {
            throw dropFailed(db, url, e);
        }
        LOG.debug("dropped test database {}", db.name());
    }

    private static DbChangeException dropFailed(TestDatabase db, String url, SQLException e) {
        return new DbChangeException(
                CoreErrorCode.CONNECTION_FAILED,
                "cannot drop test database " + db.name() + " via " + ConnectionSettings.redact(url) + " as " + db.user()
                        + " (SQLSTATE " + e.getSQLState() + ": " + e.getMessage() + ")",
                e);
    }

    private static void execute(TestDatabase db, String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, db.user(), db.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw dropFailed(db, url, e);
        }
        LOG.debug("dropped test database {}", db.name());
    }
}
