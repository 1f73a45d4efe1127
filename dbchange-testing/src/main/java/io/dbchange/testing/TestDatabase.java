package io.dbchange.testing;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.testing.internal.DatabaseAdmin;
import io.dbchange.testing.internal.DriverManagerDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * One fresh database on a {@link TestServer}, created for one test. {@link #close()} drops it.
 *
 * <pre>{@code
 * try (TestDatabase db = TestServers.mysql().createDatabase();
 *         Connection c = db.openConnection()) {
 *     c.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY)");
 * }
 * }</pre>
 *
 * @param kind the server family
 * @param name the database name: letters, digits and underscores only
 * @param jdbcUrl JDBC URL selecting this database ({@code jdbc:mysql:} or {@code jdbc:postgresql:})
 * @param user user with all privileges on this database
 * @param password that user's password; never printed by {@link #toString()}
 */
public record TestDatabase(TestServerKind kind, String name, String jdbcUrl, String user, String password)
        implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,63}");

    public TestDatabase {
        Objects.requireNonNull(kind, "'kind' must not be null");
        Objects.requireNonNull(name, "'name' must not be null");
        Objects.requireNonNull(jdbcUrl, "'jdbcUrl' must not be null");
        Objects.requireNonNull(user, "'user' must not be null");
        Objects.requireNonNull(password, "'password' must not be null");
        if (!NAME.matcher(name).matches()) {
            // close() puts the name into DROP DATABASE, so only plain identifiers are accepted.
            throw new IllegalArgumentException(
                    "'name' must be 1 to 63 letters, digits or underscores but was '" + name + "'");
        }
        String prefix = kind == TestServerKind.MYSQL ? "jdbc:mysql:" : "jdbc:postgresql:";
        if (!jdbcUrl.startsWith(prefix)) {
            throw new IllegalArgumentException("'jdbcUrl' of a " + kind + " database must start with '" + prefix
                    + "' but was '" + ConnectionSettings.redact(jdbcUrl) + "'");
        }
    }

    /** Connection settings for this database with the default pool size and timeout. */
    public ConnectionSettings connectionSettings() {
        return ConnectionSettings.of(jdbcUrl, user, password);
    }

    /**
     * Opens a new plain JDBC connection to this database; the caller closes it.
     *
     * @throws DbChangeException with {@code CONNECTION_FAILED} if the driver cannot connect
     */
    public Connection openConnection() {
        try {
            return DriverManager.getConnection(jdbcUrl, user, password);
        } catch (SQLException e) {
            throw new DbChangeException(
                    CoreErrorCode.CONNECTION_FAILED,
                    "cannot connect to test database " + name + " at " + ConnectionSettings.redact(jdbcUrl) + " as "
                            + user + ": " + e.getMessage(),
                    e);
        }
    }

    /** A simple non-pooling {@link DataSource} that opens a new connection to this database on every call. */
    public DataSource dataSource() {
        return new DriverManagerDataSource(jdbcUrl, user, password);
    }

    /**
     * Drops this database (terminating its open sessions on PostgreSQL). Dropping a database that no longer exists
     * is not an error, so closing twice is harmless.
     *
     * @throws DbChangeException with {@code CONNECTION_FAILED} if the server cannot be reached
     */
    @Override
    public void close() {
        DatabaseAdmin.drop(this);
    }

    @Override
    public String toString() {
        return "TestDatabase[kind=" + kind + ", name=" + name + ", jdbcUrl=" + ConnectionSettings.redact(jdbcUrl)
                + ", user=" + user + ", password=***]";
    }
}
